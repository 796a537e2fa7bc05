from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from .models import Survey


def project_panels(request, project) -> list[Panel]:
    surveys = (
        Survey.objects.filter(project=project)
        .select_related("contact", "milestone", "response")
        .order_by("-created_at")[:10]
    )
    return [
        Panel(
            _("Feedback"),
            "feedback/_project_panel.html",
            {"project": project, "surveys": surveys, "now": timezone.now()},
            60,
        )
    ]
