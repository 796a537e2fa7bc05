from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.pagecache import cached_page
from accord.core.params import id_param
from accord.workspaces.middleware import SESSION_KEY
from accord.workspaces.models import Language
from accord.workspaces.selectors import member_list_for_user
from accord.workspaces.services import member_set_language


@cached_page("dashboard")
def home(request: HttpRequest) -> HttpResponse:
    from accord.core.hooks import collect_dashboard_panels
    from accord.projects.selectors import workspace_overview

    if request.member is None:
        return render(request, "core/no_workspace.html", status=403)
    overview = workspace_overview(workspace=request.workspace, page=request.GET.get("page"))
    return render(
        request,
        "core/home.html",
        {"overview": overview, "dashboard_panels": collect_dashboard_panels(request)},
    )


def search(request: HttpRequest) -> HttpResponse:
    from accord.core.search import workspace_search

    if request.member is None:
        return render(request, "core/no_workspace.html", status=403)
    results = workspace_search(
        member=request.member,
        query=request.GET.get("q", ""),
        cursor=request.GET.get("before", ""),
    )
    return render(request, "core/search.html", {"results": results, "page": results.messages})


def _safe_next(request: HttpRequest) -> str:
    """Where to go back to: a path on this site only (no open redirect to other hosts)."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@require_POST
def workspace_switch(request: HttpRequest) -> HttpResponse:
    workspace_id = id_param(request.POST.get("workspace"), "workspace")
    if member_list_for_user(user=request.user).filter(workspace_id=workspace_id).exists():
        request.session[SESSION_KEY] = workspace_id
    else:
        messages.error(request, _("You are not a member of that workspace."))
    return redirect("home")


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if language not in Language.values:
        messages.error(request, _("Unknown language."))
        return redirect(_safe_next(request))
    if request.member is not None:
        member_set_language(member=request.member, language=language)
    translation.activate(language)
    response = redirect(_safe_next(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


def login_locked_out(request: HttpRequest, original_response=None, credentials=None):
    """django-axes' lockout page: what happened and when to try again (429)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "core/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def rate_limited(request: HttpRequest, exception=None) -> HttpResponse:
    """django-ratelimit's answer: 429 with a page that says to wait."""
    return render(request, "core/rate_limited.html", status=429)


_FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


@login_not_required
def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask for ``/favicon.ico`` whatever the page links; a day's cache."""
    response = FileResponse(_FAVICON.open("rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
