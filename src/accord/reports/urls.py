from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path(
        "charts/project/<int:project_id>/<slug:name>.svg", views.project_chart, name="project_chart"
    ),
    path("charts/workspace/<slug:name>.svg", views.workspace_chart, name="workspace_chart"),
]
