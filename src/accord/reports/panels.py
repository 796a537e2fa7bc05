from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from accord.core.hooks import NOT_JOINED, Panel, has_rows, joined

from .models import ReportSchedule, StatusReport


def project_joins() -> list[str]:
    return ["report_schedule"]


def project_page_annotations() -> dict:
    """Whether the project has status reports (the panel skips its query when not)."""
    return {"has_status_reports": Exists(StatusReport.objects.filter(project=OuterRef("pk")))}


def project_panels(request, project) -> list[Panel]:
    schedule = joined(project, "report_schedule")
    if schedule is NOT_JOINED:
        schedule = ReportSchedule.objects.filter(project=project).first()
    reports = (
        StatusReport.objects.filter(project=project).defer("html", "pdf")[:5]
        if has_rows(project, "has_status_reports")
        else []
    )
    return [
        Panel(
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
    ]
