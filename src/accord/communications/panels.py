from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel
from accord.workspaces.calendar import WorkCalendar

from .ladder import first_recipient, silence_ladder_step
from .models import Interaction
from .problems import RECENT_ATTRIBUTE, RECENT_DAYS
from .selectors import client_silence, interaction_list, response_stats

PANEL_MESSAGES = 15


def project_prefetches(project_id: int) -> list[Prefetch]:
    """The project's messages of the last RECENT_DAYS and its PANEL_MESSAGES latest ones (older
    when the project has been quiet), oldest first, in one query: the problems find the last
    message and the unanswered ones in the window, the panel counts response times over it and
    lists the latest ones (with their triage results, and the first addressed person for the
    silence ladder)."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    latest = (
        Interaction.objects.filter(project_id=project_id)
        .order_by("-occurred_at", "-id")
        .values("pk")[:PANEL_MESSAGES]
    )
    recent = (
        Interaction.objects.filter(Q(occurred_at__gte=since) | Q(pk__in=latest))
        # The panel shows subject or text and the triage badges; the project is the page's.
        .select_related("triage")
        .defer("raw", "body_html", "quoted_text", "signature")
        .annotate(first_recipient_id=first_recipient())
        .order_by("occurred_at", "id")
    )
    return [Prefetch("interactions", queryset=recent, to_attr=RECENT_ATTRIBUTE)]


def project_panels(request, project) -> list[Panel]:
    loaded = getattr(project, RECENT_ATTRIBUTE, None)
    if loaded is not None:
        interactions = loaded[::-1][:PANEL_MESSAGES]
    else:
        interactions = list(
            interaction_list(workspace=project.workspace, project=project)[:PANEL_MESSAGES]
        )
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    stats = response_stats(
        project=project,
        since=since,
        interactions=None if loaded is None else [i for i in loaded if i.occurred_at >= since],
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
