from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel, has_rows

from .models import Survey


def project_page_annotations() -> dict:
    """Whether the project has surveys (the panel skips its query when not)."""
    return {"has_surveys": Exists(Survey.objects.filter(project=OuterRef("pk")))}


def project_panels(request, project) -> list[Panel]:
    surveys = (
        Survey.objects.filter(project=project)
        .select_related("contact", "milestone", "response")
        .order_by("-created_at")[:10]
        if has_rows(project, "has_surveys")
        else []
    )
    return [
        Panel(
            _("Feedback"),
            "feedback/_project_panel.html",
            {"project": project, "surveys": surveys, "now": timezone.now()},
            60,
        )
    ]
