"""Client silence and unanswered client messages past the promised response time."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accord.core.hooks import Problem
from accord.workspaces.calendar import WorkCalendar

from .models import Interaction
from .selectors import client_silence, response_stats

RECENT_DAYS = 60


def project_problems(projects: list) -> dict[int, list[Problem]]:
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    recent: dict[int, list[Interaction]] = {}
    for item in (
        Interaction.objects.filter(project__in=projects, occurred_at__gte=since)
        .only("id", "project_id", "direction", "occurred_at", "subject", "channel")
        .order_by("occurred_at", "id")
    ):
        recent.setdefault(item.project_id, []).append(item)
    calendars: dict[int, WorkCalendar] = {}
    for project in projects:
        items = recent.get(project.pk)
        if not items:
            continue
        if project.workspace_id not in calendars:
            calendars[project.workspace_id] = WorkCalendar.for_workspace(project.workspace)
        calendar = calendars[project.workspace_id]
        url = reverse("projects:detail", args=[project.pk]) + "#communications"
        silence = client_silence(project=project, last=items[-1], calendar=calendar)
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
        stats = response_stats(project=project, interactions=items, calendar=calendar)
        late = [row for row in stats.breaches if row.answer is None]
        if late:
            result[project.pk].append(
                Problem(
                    "response_overdue",
                    ngettext(
                        "%(count)d client message waits longer than the promised %(hours)d h.",
                        "%(count)d client messages wait longer than the promised %(hours)d h.",
                        len(late),
                    )
                    % {"count": len(late), "hours": stats.promised_hours},
                    "bad",
                    url,
                )
            )
    return result
