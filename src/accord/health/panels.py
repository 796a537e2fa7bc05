"""The health panel of the project page: score, findings by side with evidence, charts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.hooks import NOT_JOINED, Panel, joined

from .models import ProjectHealth
from .selectors import explain, profile_explained, side_titles


def project_joins() -> list[str]:
    """The project's and its client's health, joined to the project page's project."""
    return ["health", "client__health"]


def project_panels(request, project) -> list[Panel]:
    health = joined(project, "health")
    if health is NOT_JOINED:
        health = (
            ProjectHealth.objects.filter(project=project)
            .select_related("project__client__health")
            .first()
        )
        client_health = getattr(health.project.client, "health", None) if health else None
    else:
        client_health = joined(project.client, "health") if health else None
        if client_health is NOT_JOINED:
            client_health = getattr(project.client, "health", None)
    return [
        Panel(
            _("Health"),
            "health/_project_panel.html",
            {
                "anchor": "health",
                "project": project,
                "health": health,
                "sides": explain(health.findings) if health else {},
                "side_titles": side_titles(),
                "client_health": client_health,
                "profile": profile_explained(client_health.profile) if client_health else [],
                "charts": ("health", "tone", "milestones", "commitments"),
            },
            5,
        )
    ]
