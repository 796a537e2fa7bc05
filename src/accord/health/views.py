from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.clients.models import Client
from accord.projects.selectors import project_get_for_member

from . import selectors, services


def index(request: HttpRequest) -> HttpResponse:
    from .models import ClientHealth

    rows = selectors.dashboard_rows(workspace=request.workspace, limit=200)
    for row in rows:
        row.sides = selectors.explain(row.findings)
    clients = list(
        ClientHealth.objects.filter(workspace=request.workspace)
        .select_related("client")
        .order_by("score", "client__name")
    )
    return render(
        request,
        "health/index.html",
        {"rows": rows, "clients": clients, "side_titles": selectors.side_titles()},
    )


def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(Client, pk=client_id, workspace=request.workspace)
    health = selectors.client_health_get(client)
    return render(
        request,
        "health/client_detail.html",
        {
            "client": client,
            "client_health": health,
            "profile": selectors.profile_explained(health.profile) if health else [],
            "sides": selectors.explain(health.findings) if health else {},
            "side_titles": selectors.side_titles(),
        },
    )


@require_POST
def recompute(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    services.health_recompute(project_ids=[project.pk])
    messages.success(request, _("Health recomputed."))
    return redirect(reverse("projects:detail", args=[project.pk]) + "#health")
