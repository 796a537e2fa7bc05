from __future__ import annotations

from django.utils.translation import gettext as _

from .models import OPEN_STATUSES, Case


def agenda_sections(project) -> list[dict]:
    cases = Case.objects.filter(project=project, status__in=OPEN_STATUSES).order_by("opened_at")
    items = [
        f"{case.get_situation_display()} — {case.get_severity_display()}, {case.get_status_display()}"
        for case in cases
    ]
    return (
        # Cases and severities are the team's own view: never sent to the client.
        [
            {
                "key": "cases",
                "title": _("Open cases"),
                "items": items,
                "order": 40,
                "audience": "team",
            }
        ]
        if items
        else []
    )
