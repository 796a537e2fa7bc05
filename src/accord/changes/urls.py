from django.urls import path

from . import views

app_name = "changes"
urlpatterns = [
    path("", views.index, name="list"),
    path("new/", views.change_new, name="new"),
    path("project/<int:project_id>/new/", views.change_create, name="create"),
    path("project/<int:project_id>/scope-check/", views.scope_check_view, name="scope_check"),
    path("<int:change_id>/", views.change_detail, name="detail"),
    path("<int:change_id>/send/", views.change_send, name="send"),
    path("<int:change_id>/withdraw/", views.change_withdraw, name="withdraw"),
    path("<int:change_id>/decide/", views.change_decide, name="decide_by_hand"),
    path("decide/<str:token>/", views.decide_public, name="decide"),
    path("message/<int:interaction_id>/", views.interaction_agreements, name="interaction"),
    path(
        "message/<int:interaction_id>/reversed/<int:agreement_id>/",
        views.agreement_reversal,
        name="reversal",
    ),
    path("milestone/<int:milestone_id>/", views.forecast_view, name="forecast"),
    path("milestone/<int:milestone_id>/promise/", views.promise_accept, name="promise_accept"),
]
