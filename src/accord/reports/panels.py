from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from .models import ReportSchedule, StatusReport


def project_panels(request, project) -> list[Panel]:
    schedule = ReportSchedule.objects.filter(project=project).first()
    reports = StatusReport.objects.filter(project=project).defer("html", "pdf")[:5]
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
