from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Problem, prefetched
from accord.core.links import link
from accord.projects.models import Milestone
from accord.workspaces.calendar import WorkCalendar

from .forecasts import milestone_forecast, open_commitments_by_milestone, team_paces


def project_problems(projects: list) -> dict[int, list[Problem]]:
    """Milestones whose honest forecast passes their planned date."""
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    today = timezone.localdate()
    loaded = prefetched(projects, "milestones")
    if loaded is not None:
        by_id = {project.pk: project for project in projects}
        milestones = []
        for project_id, items in loaded.items():
            for milestone in items:
                if milestone.done_date is None and milestone.planned_date >= today:
                    milestone.project = by_id[project_id]
                    milestones.append(milestone)
        milestones.sort(key=lambda milestone: milestone.planned_date)
    else:
        milestones = list(
            Milestone.objects.filter(
                project__in=projects, done_date__isnull=True, planned_date__gte=today
            )
            .select_related("project__workspace")
            .order_by("planned_date")
        )
    open_items = open_commitments_by_milestone(
        milestones, commitments=prefetched(projects, "commitments")
    )
    calendars: dict[int, WorkCalendar] = {}
    for project in projects:
        if project.workspace_id not in calendars:
            calendars[project.workspace_id] = WorkCalendar.for_workspace(project.workspace)
    paces: dict[int, float] = {}
    for workspace_id, calendar in calendars.items():
        paces.update(
            team_paces(
                projects=[p for p in projects if p.workspace_id == workspace_id],
                today=today,
                calendar=calendar,
                commitments=prefetched(projects, "commitments"),
            )
        )
    for milestone in milestones:
        project = milestone.project
        calendar = calendars[project.workspace_id]
        forecast = milestone_forecast(
            milestone=milestone,
            today=today,
            pace=paces[project.pk],
            calendar=calendar,
            open_items=open_items[milestone.pk],
        )
        if forecast.at_risk:
            result[project.pk].append(
                Problem(
                    "milestone_at_risk",
                    _("Milestone “%(name)s” at risk: forecast %(forecast)s, planned %(planned)s.")
                    % {
                        "name": milestone.name,
                        "forecast": forecast.forecast,
                        "planned": milestone.planned_date,
                    },
                    "bad",
                    link("changes:forecast", [milestone.pk]),
                )
            )
    return result
