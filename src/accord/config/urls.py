from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect
from django.urls import include, path, re_path

from .api import api


def _api_urls():
    """The API authenticates itself (session or token) and answers 401, never a login redirect."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace


@login_not_required
def _old_api(request, rest: str):
    """The unversioned ``/api/…`` moved to ``/api/v1/…``: 308 keeps the method and the body."""
    target = f"/api/v1/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    response = HttpResponsePermanentRedirect(target)
    response.status_code = 308
    return response


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", _api_urls()),
    re_path(r"^api/(?!v1/)(?P<rest>.*)$", _old_api),
    path("", include("accord.core.urls")),
    path("clients/", include("accord.clients.urls")),
    path("projects/", include("accord.projects.urls")),
    path("agreements/", include("accord.agreements.urls")),
    path("communications/", include("accord.communications.urls")),
    path("triage/", include("accord.triage.urls")),
    path("cases/", include("accord.situations.urls")),
    path("meetings/", include("accord.meetings.urls")),
    path("changes/", include("accord.changes.urls")),
    path("drafts/", include("accord.drafts.urls")),
    path("billing/", include("accord.billing.urls")),
    path("health/", include("accord.health.urls")),
    path("feedback/", include("accord.feedback.urls")),
    path("reports/", include("accord.reports.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
