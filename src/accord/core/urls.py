from django.urls import path

from accord.api import views as api_views
from accord.webhooks import views as webhook_views
from accord.workspaces.views import workspace_settings

from . import views
from .health import health

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health/", health, name="health"),
    path("search/", views.search, name="search"),
    path("workspace/switch/", views.workspace_switch, name="workspace_switch"),
    path("language/", views.language_set, name="language_set"),
    path("workspace/settings/", workspace_settings, name="workspace_settings"),
    path("settings/api-tokens/", api_views.token_list, name="api_tokens"),
    path(
        "settings/api-tokens/<int:token_id>/revoke/",
        api_views.token_revoke,
        name="api_token_revoke",
    ),
    path("workspace/webhooks/", webhook_views.webhook_settings, name="webhook_settings"),
    path(
        "workspace/webhooks/<int:endpoint_id>/toggle/",
        webhook_views.webhook_toggle,
        name="webhook_toggle",
    ),
    path(
        "workspace/webhooks/<int:endpoint_id>/delete/",
        webhook_views.webhook_delete,
        name="webhook_delete",
    ),
    path(
        "workspace/webhooks/deliveries/<int:delivery_id>/retry/",
        webhook_views.webhook_retry,
        name="webhook_retry",
    ),
]
