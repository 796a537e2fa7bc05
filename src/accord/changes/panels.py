from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel, defer_when, has_rows, prefetched
from accord.workspaces.calendar import WorkCalendar

from .forecasts import milestone_forecast, open_commitments_by_milestone, team_pace, team_paces
from .models import ChangeRequest, PlanVersion


def project_page_annotations() -> dict:
    """Whether the project has change requests and plan versions: most have none, and the panel
    then lists nothing without querying."""
    return {
        "has_change_requests": Exists(ChangeRequest.objects.filter(project=OuterRef("pk"))),
        "has_plan_versions": Exists(PlanVersion.objects.filter(project=OuterRef("pk"))),
    }


def project_panels(request, project) -> list[Panel]:
    today = timezone.localdate()
    calendar = WorkCalendar.for_workspace(project.workspace)
    commitments = prefetched([project], "commitments")
    loaded = prefetched([project], "milestones")
    if commitments is not None:
        pace = team_paces(
            projects=[project], today=today, calendar=calendar, commitments=commitments
        )[project.pk]
    else:
        pace = team_pace(project=project, today=today, calendar=calendar)
    if loaded is not None:
        milestones = [item for item in loaded[project.pk] if item.done_date is None]
    else:
        milestones = list(project.milestones.filter(done_date__isnull=True))
    open_items = open_commitments_by_milestone(milestones, commitments=commitments)
    forecasts = [
        milestone_forecast(
            milestone=milestone,
            today=today,
            pace=pace,
            calendar=calendar,
            open_items=open_items[milestone.pk],
        )
        for milestone in milestones
    ]
    return [
        Panel(
            _("Forecasts"),
            "changes/_forecast_panel.html",
            {"project": project, "forecasts": forecasts, "pace": pace},
            15,
        ),
        change_requests_panel(request, project),
    ]


def change_requests_panel(request, project) -> Panel:
    """The project's latest change requests and plan versions, deferred when it has any."""
    changes = has_rows(project, "has_change_requests")
    versions = has_rows(project, "has_plan_versions")
    latest_changes = ChangeRequest.objects.filter(project=project).order_by("-workspace_number")
    latest_versions = PlanVersion.objects.filter(project=project).select_related("change_request")
    panel = Panel(
        _("Change requests and plan history"),
        "changes/_project_panel.html",
        {
            "project": project,
            "changes": latest_changes[:10] if changes else [],
            "versions": latest_versions[:10] if versions else [],
        },
        40,
    )
    return defer_when(panel, "changes", changes, versions)


def deferred_panels() -> dict:
    return {"changes": change_requests_panel}
