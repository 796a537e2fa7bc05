from django.urls import path

from . import views

app_name = "communications"
urlpatterns = [
    path("", views.index, name="inbox"),
    path("project/<int:project_id>/", views.project_timeline, name="project"),
    path("client/<int:client_id>/", views.client_timeline, name="client"),
    path("project/<int:project_id>/log/", views.interaction_log, name="log"),
    path("project/<int:project_id>/chat/", views.chat_paste, name="chat"),
    path("project/<int:project_id>/compose/", views.compose, name="compose"),
    path("messages/<int:interaction_id>/", views.interaction_detail, name="detail"),
    path("messages/<int:interaction_id>/send-again/", views.retry_send, name="retry_send"),
    path("import/", views.mail_upload, name="upload"),
    path("mailbox/", views.mailbox_settings, name="mailbox"),
    path("mailbox/<int:mailbox_id>/", views.mailbox_edit, name="mailbox_edit"),
    path("mailbox/<int:mailbox_id>/test/", views.mailbox_test, name="mailbox_test"),
    path("quarantine/", views.quarantine, name="quarantine"),
    path("quarantine/<int:entry_id>/retry/", views.quarantine_retry_view, name="quarantine_retry"),
]
