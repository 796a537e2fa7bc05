from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("project/<int:project_id>/new/", views.meeting_create, name="create"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/agenda/", views.agenda_add, name="agenda_add"),
    path("<int:meeting_id>/agenda/<int:item_id>/", views.agenda_change, name="agenda_change"),
    path("<int:meeting_id>/invite/", views.invite_send, name="invite"),
    path("<int:meeting_id>/held/", views.mark_held, name="held"),
    path("<int:meeting_id>/minutes/send/", views.minutes_send, name="minutes_send"),
    path("<int:meeting_id>/kickoff/", views.kickoff, name="kickoff"),
]
