from __future__ import annotations

from django.utils.translation import gettext as _

from .models import ChangeRequest

OPEN = [ChangeRequest.Status.DRAFT, ChangeRequest.Status.ASSESSED, ChangeRequest.Status.SENT]


def agenda_sections(project) -> list[dict]:
    changes = ChangeRequest.objects.filter(project=project, status__in=OPEN).order_by(
        "workspace_number"
    )
    items = [
        f"{change} — {change.get_status_display()}"
        + (f", {change.effort_hours} h" if change.effort_hours else "")
        for change in changes
    ]
    # Effort and internal statuses are the team's working notes; the client sees its change
    # requests in the decision e-mail and on the decision page.
    return (
        [
            {
                "key": "changes",
                "title": _("Open change requests"),
                "items": items,
                "order": 30,
                "audience": "team",
            }
        ]
        if items
        else []
    )
