from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from .models import OPEN_STATUSES, Case, CaseSuggestion


def project_panels(request, project) -> list[Panel]:
    cases = list(Case.objects.filter(project=project).order_by("-opened_at")[:10])
    return [
        Panel(
            _("Difficult situations"),
            "situations/_project_panel.html",
            {
                "project": project,
                "cases": cases,
                "open_count": sum(c.status in OPEN_STATUSES for c in cases),
                "suggestions": list(
                    CaseSuggestion.objects.filter(project=project, status="open")
                    .select_related("interaction")
                    .order_by("-created_at")[:10]
                ),
            },
            10,
        )
    ]
