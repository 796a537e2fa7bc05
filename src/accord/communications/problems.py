"""Client silence and unanswered client messages past the promised response time."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Problem

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
    for project in projects:
        items = recent.get(project.pk)
        if not items:
            continue
        url = reverse("projects:detail", args=[project.pk]) + "#communications"
        silence = client_silence(project=project, last=items[-1])
        if silence is not None:
            result[project.pk].append(
                Problem(
                    "client_silent",
                    _("Client silent for %(days)d working days.") % {"days": silence.working_days},
                    "warn",
                    url,
                )
            )
        stats = response_stats(project=project, interactions=items)
        late = [row for row in stats.breaches if row.answer is None]
        if late:
            result[project.pk].append(
                Problem(
                    "response_overdue",
                    _("%(count)d client message(s) wait longer than the promised %(hours)d h.")
                    % {"count": len(late), "hours": stats.promised_hours},
                    "bad",
                    url,
                )
            )
    return result
