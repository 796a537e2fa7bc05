"""The events other apps' services raise when they make the change the event names.

Each function is called by the one service that makes that change, inside its transaction; the
delivery rows are written with it and sent after the commit (see :func:`webhook_emit`). The
payloads are the webhooks' public contract: ids, states and texts the receiver may see.
``invoice.overdue`` and ``health.changed`` are raised the same way by billing and health.
"""

from __future__ import annotations

from .models import Event
from .services import webhook_emit


def _project(project) -> dict | None:
    if project is None:
        return None
    return {"id": project.pk, "name": project.name, "client_id": project.client_id}


def interaction_received_announce(*, interaction) -> None:
    """``interaction.received``: a client's message was recorded (inbound only)."""
    webhook_emit(
        interaction.workspace,
        Event.INTERACTION_RECEIVED,
        {
            "interaction": {
                "id": interaction.pk,
                "channel": interaction.channel,
                "occurred_at": interaction.occurred_at,
                "subject": interaction.subject,
                "sender_address": interaction.sender_address,
                "sender_contact_id": interaction.sender_contact_id,
                "text": interaction.body_text,
                "language": interaction.language,
            },
            "project": _project(interaction.project),
            "client_id": interaction.client_id,
        },
    )


def _case_payload(case) -> dict:
    return {
        "case": {
            "id": case.pk,
            "situation": case.situation,
            "severity": case.severity,
            "status": case.status,
            "opened_at": case.opened_at,
            "resolved_at": case.resolved_at,
        },
        "project": _project(case.project),
    }


def case_opened_announce(*, case) -> None:
    webhook_emit(case.workspace, Event.CASE_OPENED, _case_payload(case))


def case_resolved_announce(*, case) -> None:
    webhook_emit(case.workspace, Event.CASE_RESOLVED, _case_payload(case))


def change_request_decided_announce(*, change) -> None:
    """``change_request.decided``: the client approved or rejected the change."""
    webhook_emit(
        change.workspace,
        Event.CHANGE_REQUEST_DECIDED,
        {
            "change_request": {
                "id": change.pk,
                "number": change.number,
                "reference": change.reference,
                "title": change.title,
                "status": change.status,
                "decided_at": change.decided_at,
                "cost": change.cost,
                "effort_hours": change.effort_hours,
            },
            "project": _project(change.project),
        },
    )
