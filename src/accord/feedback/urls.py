from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.improvement, name="improvement"),
    path("surveys/<int:survey_id>/", views.survey_detail, name="survey_detail"),
    path("project/<int:project_id>/send/", views.survey_send, name="send"),
    path("answer/<str:token>/", views.answer, name="answer"),
]
