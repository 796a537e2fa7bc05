from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from accord.core.hooks import NOT_JOINED, Panel, defer_when, has_rows, joined

from .models import ReportSchedule, StatusReport


def project_joins() -> list[str]:
    return ["report_schedule"]


def project_page_annotations() -> dict:
    """Whether the project has status reports (the panel skips its query when not)."""
    return {"has_status_reports": Exists(StatusReport.objects.filter(project=OuterRef("pk")))}


def project_panels(request, project) -> list[Panel]:
    return [status_reports_panel(request, project)]


def status_reports_panel(request, project) -> Panel:
    """The report schedule and the latest status reports, deferred when there are reports."""
    schedule = joined(project, "report_schedule")
    if schedule is NOT_JOINED:
        schedule = ReportSchedule.objects.filter(project=project).first()
    found = has_rows(project, "has_status_reports")
    reports = StatusReport.objects.filter(project=project).defer("html", "pdf")[:5] if found else []
    panel = Panel(
        _("Status reports"),
        "reports/_project_panel.html",
        {
            "project": project,
            "reports": reports,
            "schedule": schedule,
            "cadences": ReportSchedule.Cadence.choices,
        },
        55,
    )
    return defer_when(panel, "reports", found)


def deferred_panels() -> dict:
    return {"reports": status_reports_panel}
