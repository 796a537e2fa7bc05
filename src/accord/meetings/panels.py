from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from .models import Meeting, MinutesReminder
from .services import cadence_proposals

PANEL_MEETINGS = 8
# The attribute holding the project page's meetings (project_prefetches): the panel's latest
# ones and those the problems check, with ``minutes_missing`` annotated and the attendees loaded.
PAGE_ATTRIBUTE = "page_meetings"


def problem_meetings(*, now: datetime.datetime, until: datetime.datetime) -> Q:
    """The condition of the meetings the problems check: planned between ``now`` and ``until``,
    or with their minutes missing (needs ``minutes_missing`` annotated)."""
    return Q(status=Meeting.Status.PLANNED, starts_at__gte=now, starts_at__lte=until) | Q(
        minutes_missing=True
    )


def is_problem_meeting(meeting, *, now: datetime.datetime, until: datetime.datetime) -> bool:
    """``problem_meetings`` for a meeting already loaded (with ``minutes_missing`` annotated)."""
    return meeting.minutes_missing or (
        meeting.status == Meeting.Status.PLANNED and now <= meeting.starts_at <= until
    )


def with_minutes_missing(queryset):
    open_reminder = MinutesReminder.objects.filter(meeting=OuterRef("pk"), resolved_at__isnull=True)
    return queryset.annotate(minutes_missing=Exists(open_reminder))


def project_prefetches(project_id: int) -> list[Prefetch]:
    """The project's latest meetings and the ones its problems check, in one query (and their
    attendees in one more): the panel lists the first, the problems read the others."""
    from .problems import UPCOMING_DAYS

    latest = (
        Meeting.objects.filter(project_id=project_id)
        .order_by("-starts_at", "-id")
        .values("pk")[:PANEL_MEETINGS]
    )
    now = timezone.now()
    # A minute of margin: the problems compare with their own, slightly later, clock.
    until = now + datetime.timedelta(days=UPCOMING_DAYS, minutes=1)
    meetings = (
        with_minutes_missing(Meeting.objects.all())
        .filter(Q(pk__in=latest) | problem_meetings(now=now, until=until))
        .prefetch_related("attendee_contacts")
        .order_by("starts_at", "id")
    )
    return [Prefetch("meetings", queryset=meetings, to_attr=PAGE_ATTRIBUTE)]


def project_panels(request, project) -> list[Panel]:
    loaded = getattr(project, PAGE_ATTRIBUTE, None)
    if loaded is not None:
        meetings = sorted(loaded, key=lambda meeting: (meeting.starts_at, meeting.pk), reverse=True)
        meetings = meetings[:PANEL_MEETINGS]
    else:
        meetings = list(
            Meeting.objects.filter(project=project).order_by("-starts_at", "-id")[:PANEL_MEETINGS]
        )
    return [
        Panel(
            title=_("Meetings"),
            template="meetings/_project_panel.html",
            context={
                "project": project,
                "meetings": meetings,
                "proposals": cadence_proposals(project=project),
            },
            order=30,
        )
    ]
