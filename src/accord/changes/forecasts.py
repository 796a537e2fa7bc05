"""Honest milestone forecasts from open commitments, the team's pace and what the client owes."""

from __future__ import annotations

import datetime
import math
import os
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from accord.agreements.models import Commitment
from accord.workspaces.calendar import WorkCalendar

PACE_WINDOW_DAYS = 28


def default_pace() -> float:
    """Hours of estimated work the team closes per working day when it has no history yet."""
    return float(os.environ.get("ACCORD_DEFAULT_PACE_HOURS", "6"))


def client_lag_days() -> int:
    """Working days we assume the client still needs for an overdue commitment of theirs."""
    return int(os.environ.get("ACCORD_CLIENT_LAG_DAYS", "2"))


@dataclass
class Forecast:
    milestone: object
    forecast: datetime.date
    remaining_hours: float
    pace_hours_per_day: float
    waits_for_client_until: datetime.date | None
    blocking_client_items: list = field(default_factory=list)
    open_items: list = field(default_factory=list)

    @property
    def at_risk(self) -> bool:
        return self.milestone.done_date is None and self.forecast > self.milestone.planned_date

    @property
    def slip_days(self) -> int:
        return max(0, (self.forecast - self.milestone.planned_date).days)


def team_pace(*, project, today: datetime.date, calendar: WorkCalendar) -> float:
    """Estimated hours of our commitments done per working day over the last four weeks."""
    start = today - datetime.timedelta(days=PACE_WINDOW_DAYS)
    done = Commitment.objects.filter(
        project=project,
        side=Commitment.Side.OURS,
        status=Commitment.Status.DONE,
        done_at__date__gt=start,
        done_at__date__lte=today,
        estimate_hours__isnull=False,
    )
    hours = float(sum((item.estimate_hours for item in done), Decimal("0")))
    days = calendar.working_days_between(start, today)
    return round(hours / days, 2) if hours and days else default_pace()


def team_paces(
    *,
    projects,
    today: datetime.date,
    calendar: WorkCalendar,
    commitments: dict[int, list] | None = None,
) -> dict[int, float]:
    """``team_pace`` for many projects of one calendar in one query (none when each project's
    ``commitments`` are given, already loaded)."""
    from django.db.models import Sum

    start = today - datetime.timedelta(days=PACE_WINDOW_DAYS)
    days = calendar.working_days_between(start, today)
    if commitments is not None:
        totals: dict[int, Decimal] = {}
        for project_id, items in commitments.items():
            hours = [
                item.estimate_hours
                for item in items
                if item.side == Commitment.Side.OURS
                and item.status == Commitment.Status.DONE
                and item.done_at is not None
                and item.estimate_hours is not None
                and start < timezone.localtime(item.done_at).date() <= today
            ]
            if hours:
                totals[project_id] = sum(hours, Decimal("0"))
    else:
        totals = dict(
            Commitment.objects.filter(
                project__in=projects,
                side=Commitment.Side.OURS,
                status=Commitment.Status.DONE,
                done_at__date__gt=start,
                done_at__date__lte=today,
                estimate_hours__isnull=False,
            )
            .values_list("project_id")
            .annotate(hours=Sum("estimate_hours"))
        )
    return {
        project.pk: round(float(totals[project.pk]) / days, 2)
        if totals.get(project.pk) and days
        else default_pace()
        for project in projects
    }


def open_commitments_by_milestone(
    milestones, *, commitments: dict[int, list] | None = None
) -> dict[int, list]:
    """Open commitments of many milestones in one query (none when the projects' ``commitments``
    are given, already loaded with their owners)."""
    grouped: dict[int, list] = {milestone.pk: [] for milestone in milestones}
    if commitments is not None:
        items = (item for project_items in commitments.values() for item in project_items)
    else:
        items = Commitment.objects.filter(
            milestone__in=list(grouped), status=Commitment.Status.OPEN
        ).select_related("owner_contact", "owner_member__user")
    for item in items:
        if item.status == Commitment.Status.OPEN and item.milestone_id in grouped:
            grouped[item.milestone_id].append(item)
    return grouped


def milestone_forecast(
    *,
    milestone,
    today: datetime.date | None = None,
    pace: float | None = None,
    calendar: WorkCalendar | None = None,
    open_items: list | None = None,
) -> Forecast:
    today = today or timezone.localdate()
    calendar = calendar or WorkCalendar.for_workspace(milestone.workspace)
    pace = (
        pace
        if pace is not None
        else team_pace(project=milestone.project, today=today, calendar=calendar)
    )
    if open_items is None:
        open_items = open_commitments_by_milestone([milestone])[milestone.pk]
    ours = [item for item in open_items if item.side == Commitment.Side.OURS]
    theirs = [item for item in open_items if item.side == Commitment.Side.CLIENT]
    remaining = float(sum((item.estimate_hours or Decimal("0") for item in ours), Decimal("0")))
    # Our work can start once the client has delivered what we wait for.
    waits_until = None
    for item in theirs:
        expected = (
            item.due_date
            if item.due_date >= today
            else calendar.add_working_days(today, client_lag_days())
        )
        waits_until = max(waits_until or expected, expected)
    start = max(today, waits_until) if waits_until else today
    work_days = math.ceil(remaining / pace) if remaining and pace > 0 else 0
    forecast = calendar.add_working_days(start, work_days) if work_days else start
    if not open_items:
        forecast = milestone.done_date or max(today, milestone.planned_date)
    return Forecast(milestone, forecast, remaining, pace, waits_until, theirs, open_items)


@dataclass
class DelayOptions:
    cut_items: list
    cut_hours: float
    move_to: datetime.date
    extra_hours_per_day: float


def delay_options(
    forecast: Forecast, *, today: datetime.date | None = None, calendar: WorkCalendar | None = None
) -> DelayOptions:
    """Three honest ways out: cut scope, move the date, add people."""
    today = today or timezone.localdate()
    calendar = calendar or WorkCalendar.for_workspace(forecast.milestone.workspace)
    planned = forecast.milestone.planned_date
    start = (
        max(today, forecast.waits_for_client_until) if forecast.waits_for_client_until else today
    )
    available_days = calendar.working_days_between(start, planned)
    capacity = available_days * forecast.pace_hours_per_day
    overflow = max(0.0, forecast.remaining_hours - capacity)
    ours = sorted(
        (item for item in forecast.open_items if item.side == Commitment.Side.OURS),
        key=lambda item: float(item.estimate_hours or 0),
        reverse=True,
    )
    cut, cut_hours = [], 0.0
    for item in ours:
        if cut_hours >= overflow:
            break
        cut.append(item)
        cut_hours += float(item.estimate_hours or 0)
    needed_per_day = (
        forecast.remaining_hours / available_days if available_days else forecast.remaining_hours
    )
    return DelayOptions(
        cut,
        round(cut_hours, 1),
        forecast.forecast,
        round(max(0.0, needed_per_day - forecast.pace_hours_per_day), 1),
    )
