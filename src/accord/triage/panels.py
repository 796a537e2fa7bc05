from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from .models import TriageResult


def project_panels(request, project) -> list[Panel]:
    counts = Counter(
        label
        for labels in TriageResult.objects.filter(interaction__project=project).values_list(
            "labels", flat=True
        )
        for label in labels
    )
    if not counts:
        return []
    return [
        Panel(
            _("Situations in client messages"),
            "triage/_project_panel.html",
            {"counts": counts.most_common()},
            12,
        )
    ]
