"""The API tokens page: create (shown once), list with last use, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.forms import run_service

from . import services
from .forms import TokenForm
from .models import ApiToken


def _visible_tokens(member):
    """A member's own tokens; owners and managers see (and may revoke) everyone's."""
    tokens = ApiToken.objects.filter(workspace=member.workspace).select_related("member__user")
    return tokens if member.can_manage else tokens.filter(member=member)


def token_list(request: HttpRequest) -> HttpResponse:
    member = request.member
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form,
            lambda: services.api_token_create(
                member=member, name=form.cleaned_data["name"], actor=request.user
            ),
        )
        if created:
            _record, new_token = created
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": _visible_tokens(member).order_by("revoked_at", "-created_at"),
        },
        status=400 if form.errors else 200,
    )
    # The page that shows a new token once must never be cached or kept in history.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(_visible_tokens(request.member), pk=token_id)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("Token revoked: it no longer works."))
    return redirect("api_tokens")
