from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core import display
from accord.core.hooks import Problem, prefetched
from accord.core.links import link

from .models import OPEN_STATUSES, Case
from .selectors import SEVERITY_RANK

SEVERE = ("high", "critical")


def project_problems(projects: list) -> dict[int, list[Problem]]:
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    loaded = prefetched(projects, "cases")
    if loaded is not None:
        cases = [
            case
            for items in loaded.values()
            for case in items
            if case.status in OPEN_STATUSES and case.severity in SEVERE
        ]
    else:
        cases = Case.objects.filter(
            project__in=projects, status__in=OPEN_STATUSES, severity__in=SEVERE
        )
    for case in cases:
        result[case.project_id].append(
            Problem(
                f"case_{case.situation}",
                _("Open case: %(situation)s (%(severity)s).")
                % {
                    # The names from the display tables: get_*_display translates every choice
                    # of the field on each call, which dashboards of many cases pay for.
                    "situation": display.human(case.situation, "situation"),
                    "severity": display.human(case.severity, "severity"),
                },
                "bad",
                link("situations:detail", [case.pk]),
                SEVERITY_RANK[case.severity],
            )
        )
    return result
