"""Client silence and unanswered client messages past the promised response time."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import ngettext

from accord.core.hooks import Problem
from accord.core.links import link
from accord.projects.models import Project
from accord.workspaces.calendar import WorkCalendar

from .models import Interaction
from .selectors import client_silence

RECENT_DAYS = 60
# The attribute holding a project's messages of the last RECENT_DAYS when the page loaded them
# with the project (panels.project_prefetches), oldest first.
RECENT_ATTRIBUTE = "recent_interactions"


def _from_loaded(projects: list, since) -> tuple[dict, dict] | None:
    """The last message and the waiting client messages of each project, from the messages the
    page loaded with the projects (None when it did not)."""
    loaded = [getattr(project, RECENT_ATTRIBUTE, None) for project in projects]
    if any(items is None for items in loaded):
        return None
    last: dict[int, Interaction] = {}
    waiting: dict[int, list[Interaction]] = {}
    for project, items in zip(projects, loaded, strict=True):
        items = [item for item in items if item.occurred_at >= since]
        if not items:
            continue
        last[project.pk] = items[-1]
        team = [item for item in items if item.direction == Interaction.Direction.OUTBOUND]
        answered = (team[-1].occurred_at, team[-1].pk) if team else None
        found = [
            item
            for item in items
            if item.direction == Interaction.Direction.INBOUND
            and (answered is None or (item.occurred_at, item.pk) > answered)
        ]
        if found:
            waiting[project.pk] = found
    return last, waiting


def project_problems(projects: list) -> dict[int, list[Problem]]:
    """Client silence and late answers from the last message of each project in the window and
    the client messages still waiting for the team's answer (after its last message): read from
    the messages the project page loaded, else two queries whatever the size of the log."""
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    if not projects:
        return result
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    loaded = _from_loaded(projects, since)
    if loaded is not None:
        last, waiting = loaded
    else:
        last, waiting = _queried(list(result), since)
    calendars: dict[int, WorkCalendar] = {}
    now = timezone.now()
    for project in projects:
        if project.pk not in last:
            continue
        if project.workspace_id not in calendars:
            calendars[project.workspace_id] = WorkCalendar.for_workspace(project.workspace)
        calendar = calendars[project.workspace_id]
        url = link("projects:detail", [project.pk]) + "#communications"
        silence = client_silence(project=project, last=last[project.pk], calendar=calendar)
        if silence is not None:
            result[project.pk].append(
                Problem(
                    "client_silent",
                    ngettext(
                        "Client silent for %(days)d working day.",
                        "Client silent for %(days)d working days.",
                        silence.working_days,
                    )
                    % {"days": silence.working_days},
                    "warn",
                    url,
                )
            )
        contract = getattr(project, "contract", None)
        promised = contract.response_time_hours if contract else None
        if promised is None:
            continue
        late = [
            item
            for item in waiting.get(project.pk, [])
            if calendar.working_hours(item.occurred_at, now) > promised
        ]
        if late:
            result[project.pk].append(
                Problem(
                    "response_overdue",
                    ngettext(
                        "%(count)d client message waits longer than the promised %(hours)d h.",
                        "%(count)d client messages wait longer than the promised %(hours)d h.",
                        len(late),
                    )
                    % {"count": len(late), "hours": promised},
                    "bad",
                    url,
                )
            )
    return result


def _queried(project_ids: list[int], since) -> tuple[dict, dict]:
    """The last message of each project in the window, and the client messages still waiting
    for the team's answer (after its last message): two queries."""
    in_window = Interaction.objects.filter(occurred_at__gte=since)
    latest = in_window.filter(project=OuterRef("pk")).order_by("-occurred_at", "-id")
    last_ids = (
        Project.objects.filter(pk__in=project_ids)
        .annotate(last_id=Subquery(latest.values("id")[:1]))
        .exclude(last_id=None)
        .values_list("last_id", flat=True)
    )
    last: dict[int, Interaction] = {
        item.project_id: item
        for item in Interaction.objects.filter(pk__in=last_ids).only(
            "id", "project_id", "direction", "occurred_at", "subject", "channel"
        )
    }
    # A client message waits while no message of the team comes after it (by time, then id):
    # one index probe per client message, where comparing with the team's last message took
    # four correlated subqueries per row.
    answered = in_window.filter(
        project=OuterRef("project_id"),
        direction=Interaction.Direction.OUTBOUND,
        occurred_at__gte=OuterRef("occurred_at"),
    ).filter(Q(occurred_at__gt=OuterRef("occurred_at")) | Q(id__gt=OuterRef("id")))
    waiting: dict[int, list[Interaction]] = {}
    for item in (
        in_window.filter(project_id__in=project_ids, direction=Interaction.Direction.INBOUND)
        .filter(~Exists(answered))
        .only("id", "project_id", "direction", "occurred_at", "subject", "channel")
        .order_by("occurred_at", "id")
    ):
        waiting.setdefault(item.project_id, []).append(item)
    return last, waiting
