from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from accord.core.hooks import Panel, has_rows, prefetched

from .models import OPEN_STATUSES, Case, CaseSuggestion

PANEL_CASES = 10


def project_prefetches(project_id: int) -> list[Prefetch]:
    """The project's cases, newest first: the panel lists the latest, the problems read the
    open ones."""
    return [Prefetch("cases", queryset=Case.objects.order_by("-opened_at", "-id"))]


def project_page_annotations() -> dict:
    """Whether the project has open case suggestions (the panel skips its query when not)."""
    return {
        "has_open_suggestions": Exists(
            CaseSuggestion.objects.filter(project=OuterRef("pk"), status="open")
        )
    }


def project_panels(request, project) -> list[Panel]:
    loaded = prefetched([project], "cases")
    if loaded is not None:
        cases = loaded[project.pk][:PANEL_CASES]
    else:
        cases = list(Case.objects.filter(project=project).order_by("-opened_at")[:PANEL_CASES])
    panels = [
        Panel(
            _("Difficult situations"),
            "situations/_project_panel.html",
            {
                "project": project,
                "cases": cases,
                "open_count": sum(c.status in OPEN_STATUSES for c in cases),
            },
            10,
        )
    ]
    if has_rows(project, "has_open_suggestions"):
        panels.append(suggestions_panel(request, project))
    return panels


def suggestions_panel(request, project) -> Panel:
    """The open case suggestions of the project's messages (deferred: the page shows the panel
    only when the project has some, and loads them on their own)."""
    return Panel(
        _("Suggested cases"),
        "situations/_suggestions_panel.html",
        {
            "project": project,
            "suggestions": CaseSuggestion.objects.filter(project=project, status="open")
            .select_related("interaction")
            .order_by("-created_at")[:10],
        },
        11,
        deferred="suggestions",
    )


def deferred_panels() -> dict:
    return {"suggestions": suggestions_panel}
