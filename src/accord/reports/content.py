"""What a status report says, read from the records and worded for the client.

Only what the client may see goes in: milestones and their dates, decisions, change requests,
both sides' commitments, risks phrased as facts about dates and open items, next steps. Never
cases, severities, labels, health scores or internal notes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from accord.core.formatting import format_date


@dataclass
class MilestoneLine:
    name: str
    planned: str
    forecast: str
    done: str
    state: str  # done, late, at_risk, on_track


@dataclass
class ReportContent:
    project: object
    language: str
    period_start: datetime.date
    period_end: datetime.date
    period_text: str
    contact_name: str
    milestones: list[MilestoneLine] = field(default_factory=list)
    milestone_rows: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    risks: list[dict] = field(default_factory=list)
    ours: list[dict] = field(default_factory=list)
    theirs: list[dict] = field(default_factory=list)
    next_steps: list[dict] = field(default_factory=list)
    done_count: int = 0
    total_count: int = 0


def _date(value, language: str) -> str:
    return format_date(value, language, style="long") if value else ""


def report_content(
    *, project, language: str, period_start: datetime.date, period_end: datetime.date, contact=None
) -> ReportContent:
    from accord.agreements.models import Agreement, Commitment
    from accord.changes.models import ChangeRequest

    today = timezone.localdate()
    content = ReportContent(
        project=project,
        language=language,
        period_start=period_start,
        period_end=period_end,
        period_text=f"{_date(period_start, language)} – {_date(period_end, language)}",
        contact_name=getattr(contact, "name", ""),
    )
    for milestone in project.milestones.order_by("planned_date", "position", "id"):
        if milestone.done_date:
            state = "done"
        elif milestone.planned_date < today:
            state = "late"
        elif milestone.forecast_date and milestone.forecast_date > milestone.planned_date:
            state = "at_risk"
        else:
            state = "on_track"
        content.milestones.append(
            MilestoneLine(
                name=milestone.name,
                planned=_date(milestone.planned_date, language),
                forecast=_date(milestone.forecast_date, language),
                done=_date(milestone.done_date, language),
                state=state,
            )
        )
        content.milestone_rows.append(
            {
                "name": milestone.name,
                "planned": milestone.planned_date,
                "forecast": milestone.forecast_date,
                "done": milestone.done_date,
            }
        )
        if state in ("late", "at_risk"):
            content.risks.append(
                {
                    "kind": state,
                    "name": milestone.name,
                    "planned": _date(milestone.planned_date, language),
                    "forecast": _date(milestone.forecast_date, language),
                }
            )
    content.total_count = len(content.milestones)
    content.done_count = sum(1 for line in content.milestones if line.state == "done")
    for agreement in (
        Agreement.objects.filter(
            project=project,
            status__in=("accepted", "proposed"),
            decided_on__gte=period_start,
            decided_on__lte=period_end,
        )
        .select_related("accepted_by")
        .order_by("decided_on", "id")
    ):
        content.decisions.append(
            {
                "title": agreement.title,
                "date": _date(agreement.decided_on, language),
                "accepted_by": agreement.accepted_by.name if agreement.accepted_by else "",
                "status": agreement.status,
            }
        )
    start_at = timezone.make_aware(datetime.datetime.combine(period_start, datetime.time.min))
    end_at = timezone.make_aware(datetime.datetime.combine(period_end, datetime.time.max))
    for change in (
        ChangeRequest.objects.filter(project=project)
        .filter(
            Q(created_at__range=(start_at, end_at))
            | Q(decided_at__range=(start_at, end_at))
            | Q(status="sent")
        )
        .order_by("workspace_number")
    ):
        content.changes.append(
            {
                "number": change.number,
                "reference": change.reference,
                "title": change.title,
                "status": change.status,
                "status_label": change.get_status_display(),
                "decided": _date(timezone.localtime(change.decided_at).date(), language)
                if change.decided_at
                else "",
            }
        )
        if change.status == "sent":
            content.risks.append({"kind": "decision_waiting", "name": change.title})
    for commitment in (
        Commitment.objects.filter(project=project)
        .exclude(status="cancelled")
        .filter(Q(status="open") | Q(done_at__range=(start_at, end_at)))
        .select_related("owner_contact", "owner_member__user")
        .order_by("due_date", "id")
    ):
        row = {
            "title": commitment.title,
            "owner": commitment.owner_name,
            "due": _date(commitment.due_date, language),
            "done": commitment.status == "done",
            "overdue": commitment.status == "open" and commitment.due_date < today,
        }
        (content.ours if commitment.side == "ours" else content.theirs).append(row)
        if commitment.side == "client" and row["overdue"]:
            content.risks.append(
                {"kind": "waiting_for_client", "name": commitment.title, "due": row["due"]}
            )
        if (
            commitment.side == "ours"
            and commitment.status == "open"
            and commitment.due_date <= today + datetime.timedelta(days=14)
        ):
            content.next_steps.append({"title": commitment.title, "due": row["due"]})
    upcoming = next(
        (line for line in content.milestones if line.state in ("on_track", "at_risk")), None
    )
    if upcoming is not None:
        content.next_steps.append(
            {
                "title": upcoming.name,
                "due": upcoming.forecast or upcoming.planned,
                "milestone": True,
            }
        )
    return content
