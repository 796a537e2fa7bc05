from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from .models import Meeting
from .services import cadence_proposals


def project_panels(request, project) -> list[Panel]:
    meetings = list(Meeting.objects.filter(project=project).order_by("-starts_at")[:8])
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
