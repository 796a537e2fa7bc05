from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel
from accord.workspaces.calendar import WorkCalendar

from .ladder import silence_ladder_step
from .models import Interaction
from .problems import RECENT_ATTRIBUTE, RECENT_DAYS
from .selectors import client_silence, interaction_list, response_stats


def project_prefetches() -> list[Prefetch]:
    """The project's messages of the last RECENT_DAYS, a few fields each, oldest first: the
    problems find the last message and the unanswered ones in them, the panel counts response
    times over them."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    recent = (
        Interaction.objects.filter(occurred_at__gte=since)
        .only("id", "project_id", "direction", "occurred_at", "subject", "channel")
        .order_by("occurred_at", "id")
    )
    return [Prefetch("interactions", queryset=recent, to_attr=RECENT_ATTRIBUTE)]


def project_panels(request, project) -> list[Panel]:
    interactions = list(interaction_list(workspace=project.workspace, project=project)[:15])
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    recent = getattr(project, RECENT_ATTRIBUTE, None)
    stats = response_stats(
        project=project,
        since=since,
        interactions=None if recent is None else [i for i in recent if i.occurred_at >= since],
    )
    # The newest message of the list is the project's last message: no query of its own.
    silence = client_silence(project=project, last=interactions[0]) if interactions else None
    ladder = None
    if silence is not None:
        user = request.user if request.user.is_authenticated else get_user_model()()
        calendar = WorkCalendar.for_workspace(project.workspace)
        ladder = silence_ladder_step(
            project=project,
            silence=silence,
            sender_name=user.get_full_name() or user.get_username(),
            deadline=calendar.add_working_days(timezone.localdate(), 2),
        )
    return [
        Panel(
            title=_("Communications"),
            template="communications/_project_panel.html",
            context={
                "project": project,
                "interactions": interactions,
                "stats": stats,
                "silence": silence,
                "ladder": ladder,
            },
            order=20,
        )
    ]
