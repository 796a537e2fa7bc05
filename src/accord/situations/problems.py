from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core.hooks import Problem

from .models import OPEN_STATUSES, Case
from .selectors import SEVERITY_RANK


def project_problems(projects: list) -> dict[int, list[Problem]]:
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    for case in Case.objects.filter(
        project__in=projects, status__in=OPEN_STATUSES, severity__in=["high", "critical"]
    ):
        result[case.project_id].append(
            Problem(
                f"case_{case.situation}",
                _("Open case: %(situation)s (%(severity)s).")
                % {
                    "situation": case.get_situation_display(),
                    "severity": case.get_severity_display(),
                },
                "bad",
                reverse("situations:detail", args=[case.pk]),
                SEVERITY_RANK[case.severity],
            )
        )
    return result
