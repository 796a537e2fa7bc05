from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel, defer_when, has_rows

from .models import Survey


def project_page_annotations() -> dict:
    """Whether the project has surveys (the panel skips its query when not)."""
    return {"has_surveys": Exists(Survey.objects.filter(project=OuterRef("pk")))}


def project_panels(request, project) -> list[Panel]:
    return [surveys_panel(request, project)]


def surveys_panel(request, project) -> Panel:
    """The project's latest surveys, deferred when it has any."""
    found = has_rows(project, "has_surveys")
    surveys = (
        Survey.objects.filter(project=project)
        .select_related("contact", "milestone", "response")
        .order_by("-created_at")[:10]
        if found
        else []
    )
    panel = Panel(
        _("Feedback"),
        "feedback/_project_panel.html",
        {"project": project, "surveys": surveys, "now": timezone.now()},
        60,
    )
    return defer_when(panel, "feedback", found)


def deferred_panels() -> dict:
    return {"feedback": surveys_panel}
