"""Meeting problems on the project: checks of upcoming meetings, missing minutes, overdue cadence."""

from __future__ import annotations

import datetime

from django.db.models import Max, OuterRef, Subquery, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Problem, annotated
from accord.core.links import link

from .models import Meeting
from .panels import PAGE_ATTRIBUTE, is_problem_meeting, problem_meetings, with_minutes_missing
from .services import cadence_days, meeting_checks

CADENCE_GRACE_DAYS = 2
UPCOMING_DAYS = 14


def project_annotations() -> dict:
    """The start of each project's latest meeting (not cancelled ones)."""
    return {
        "latest_meeting_at": Subquery(
            Meeting.objects.filter(project=OuterRef("pk"))
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("-starts_at")
            .values("starts_at")[:1]
        )
    }


def project_problems(projects: list) -> dict[int, list[Problem]]:
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    now = timezone.now()
    by_id = {project.pk: project for project in projects}
    loaded = [getattr(project, PAGE_ATTRIBUTE, None) for project in projects]
    if all(items is not None for items in loaded):
        # The project page loaded them with its project (panels.project_prefetches).
        until = now + datetime.timedelta(days=UPCOMING_DAYS)
        meetings = sorted(
            (
                meeting
                for items in loaded
                for meeting in items
                if is_problem_meeting(meeting, now=now, until=until)
            ),
            key=lambda meeting: (meeting.starts_at, meeting.pk),
        )
    else:
        # The meetings of the next two weeks and those whose minutes are missing, in one query.
        meetings = list(
            with_minutes_missing(Meeting.objects.filter(project__in=projects))
            .filter(problem_meetings(now=now, until=now + datetime.timedelta(days=UPCOMING_DAYS)))
            .prefetch_related("attendee_contacts")
            .order_by("starts_at", "id")
        )
    upcoming = [
        meeting
        for meeting in meetings
        if meeting.status == Meeting.Status.PLANNED
        and now <= meeting.starts_at <= now + datetime.timedelta(days=UPCOMING_DAYS)
    ]
    for meeting in upcoming:
        meeting.project = by_id[meeting.project_id]
    # The checks name the client's decision-makers: their people once (none when the page
    # loaded them with its projects).
    prefetch_related_objects([meeting.project.client for meeting in upcoming], "contacts")
    for meeting in upcoming:
        for check in meeting_checks(meeting):
            result[meeting.project_id].append(
                Problem(
                    f"meeting_{check.key}",
                    f"{meeting.title}: {check.text}",
                    "warn",
                    link("meetings:detail", [meeting.pk]),
                )
            )
    for meeting in meetings:
        if not meeting.minutes_missing:
            continue
        result[meeting.project_id].append(
            Problem(
                "minutes_missing",
                _("Minutes of “%(title)s” not sent yet.") % {"title": meeting.title},
                "bad",
                link("meetings:detail", [meeting.pk]),
            )
        )
    # The start of each project's latest meeting: read from the projects' rows, else aggregated
    # in the database.
    latest: dict[int, datetime.datetime | None] | None = annotated(projects, "latest_meeting_at")
    if latest is None:
        latest = dict(
            Meeting.objects.filter(project__in=projects)
            .exclude(status=Meeting.Status.CANCELLED)
            .values("project_id")
            .annotate(last=Max("starts_at"))
            .values_list("project_id", "last")
        )
    for project in projects:
        contract = getattr(project, "contract", None)
        days = cadence_days(contract.meeting_cadence if contract else "")
        if days is None or project.status not in ("active", "planned"):
            continue
        since = latest.get(project.pk)
        if since is None or (
            since < now and now - since > datetime.timedelta(days=days + CADENCE_GRACE_DAYS)
        ):
            result[project.pk].append(
                Problem(
                    "cadence_overdue",
                    _("The regular meeting is overdue (agreed: %(cadence)s).")
                    % {"cadence": contract.get_meeting_cadence_display()},
                    "warn",
                    link("meetings:create", [project.pk]),
                )
            )
    return result
