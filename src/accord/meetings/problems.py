"""Meeting problems on the project: checks of upcoming meetings, missing minutes, overdue cadence."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Problem

from .models import Meeting, MinutesReminder
from .services import cadence_days, meeting_checks

CADENCE_GRACE_DAYS = 2


def project_problems(projects: list) -> dict[int, list[Problem]]:
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    now = timezone.now()
    upcoming = (
        Meeting.objects.filter(
            project__in=projects,
            status=Meeting.Status.PLANNED,
            starts_at__gte=now,
            starts_at__lte=now + datetime.timedelta(days=14),
        )
        .select_related("project__client")
        .prefetch_related("attendee_contacts", "project__client__contacts")
    )
    for meeting in upcoming:
        for check in meeting_checks(meeting):
            result[meeting.project_id].append(
                Problem(
                    f"meeting_{check.key}",
                    f"{meeting.title}: {check.text}",
                    "warn",
                    reverse("meetings:detail", args=[meeting.pk]),
                )
            )
    for reminder in MinutesReminder.objects.filter(
        meeting__project__in=projects, resolved_at__isnull=True
    ).select_related("meeting"):
        result[reminder.meeting.project_id].append(
            Problem(
                "minutes_missing",
                _("Minutes of “%(title)s” not sent yet.") % {"title": reminder.meeting.title},
                "bad",
                reverse("meetings:detail", args=[reminder.meeting_id]),
            )
        )
    # The start of each project's latest meeting, aggregated in the database.
    latest: dict[int, datetime.datetime] = dict(
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
                    reverse("meetings:create", args=[project.pk]),
                )
            )
    return result
