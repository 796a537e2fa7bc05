from django.urls import path

from accord.workspaces.views import workspace_settings

from . import views
from .health import health

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health, name="health"),
    path("workspace/switch/", views.workspace_switch, name="workspace_switch"),
    path("language/", views.language_set, name="language_set"),
    path("workspace/settings/", workspace_settings, name="workspace_settings"),
]
