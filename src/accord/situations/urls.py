from django.urls import path

from . import views

app_name = "situations"
urlpatterns = [
    path("", views.index, name="list"),
    path("open/", views.case_open, name="open"),
    path("check/", views.check_view, name="check"),
    path("playbooks/", views.playbook_list, name="playbooks"),
    path("playbooks/<str:situation>/", views.playbook_edit, name="playbook_edit"),
    path("playbooks/<str:situation>/yaml/", views.playbook_source, name="playbook_source"),
    path("playbooks/<str:situation>/export/", views.playbook_export, name="playbook_export"),
    path("playbooks/<str:situation>/reset/", views.playbook_reset, name="playbook_reset"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/steps/<int:step_id>/", views.step_toggle, name="step"),
    path("<int:case_id>/drafts/", views.draft_create, name="draft_create"),
    path("<int:case_id>/drafts/<int:draft_id>/", views.draft_save, name="draft_save"),
    path("<int:case_id>/confirm/", views.case_confirm_view, name="confirm"),
    path(
        "<int:case_id>/close-after-correction/",
        views.close_after_correction,
        name="close_after_correction",
    ),
    path("suggestions/<int:suggestion_id>/", views.suggestion_decide, name="suggestion"),
]
