from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path(
        "charts/project/<int:project_id>/<slug:name>.svg", views.project_chart, name="project_chart"
    ),
    path("charts/workspace/<slug:name>.svg", views.workspace_chart, name="workspace_chart"),
    path("project/<int:project_id>/preview/", views.report_preview, name="preview"),
    path("project/<int:project_id>/send/", views.report_send, name="send"),
    path("project/<int:project_id>/schedule/", views.report_schedule, name="schedule"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/pdf/", views.report_pdf, name="pdf"),
]
