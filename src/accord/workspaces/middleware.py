"""Attaches the signed-in user's membership to the request and activates their language and
time zone."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone, translation

from accord.core.formatting import member_zone

from .selectors import member_for_request

SESSION_KEY = "accord_workspace_id"
# Pages a signed-in user without any workspace may still open; every other page tells them
# they are not a member yet (instead of failing on the missing workspace).
NO_WORKSPACE_PATHS = ("/login/", "/logout/", "/i18n/", "/language/", "/admin/", "/api/", "/static/")


class CurrentMemberMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.member = None
        request.workspace = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            member = member_for_request(user=user, workspace_id=request.session.get(SESSION_KEY))
            request.member = member
            request.workspace = member.workspace if member else None
            if member and not request.GET.get("language"):
                translation.activate(member.language)
                request.LANGUAGE_CODE = member.language
            if member is None and not request.path.startswith(NO_WORKSPACE_PATHS):
                return render(request, "core/no_workspace.html", status=403)
        if request.member is None:
            return self.get_response(request)
        # Forms read typed times in this zone and pages show stored UTC times in it.
        with timezone.override(member_zone(request.member)):
            return self.get_response(request)
