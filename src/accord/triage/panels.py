from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from .selectors import label_counts_for_project


def project_panels(request, project) -> list[Panel]:
    counts = label_counts_for_project(project=project)
    if not counts:
        return []
    return [
        Panel(
            _("Situations in client messages"),
            "triage/_project_panel.html",
            {"counts": counts},
            12,
        )
    ]
