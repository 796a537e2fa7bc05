"""Project problems owned by the projects app: milestones past their date, setup incomplete."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Problem, prefetched
from accord.core.links import link

from .models import Milestone
from .selectors import project_setup_checklist


def project_problems(projects: list) -> dict[int, list[Problem]]:
    today = timezone.localdate()
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    loaded = prefetched(projects, "milestones")
    if loaded is not None:
        late = sorted(
            (
                milestone
                for milestones in loaded.values()
                for milestone in milestones
                if milestone.done_date is None and milestone.planned_date < today
            ),
            key=lambda milestone: milestone.planned_date,
        )
    else:
        late = Milestone.objects.filter(
            project__in=projects, done_date__isnull=True, planned_date__lt=today
        ).order_by("planned_date")
    for milestone in late:
        result[milestone.project_id].append(
            Problem(
                kind="milestone_late",
                severity="bad",
                text=_("Milestone “%(name)s” is past its date (%(date)s).")
                % {"name": milestone.name, "date": milestone.planned_date},
                url=link("projects:detail", [milestone.project_id]),
            )
        )
    for project in projects:
        ours = getattr(project, "our_commitments", None)
        theirs = getattr(project, "client_commitments", None)
        if ours is None or theirs is None:
            continue
        missing = [
            step
            for step in project_setup_checklist(
                project, our_commitments=ours, client_commitments=theirs
            )
            if not step.done
        ]
        if missing and project.status in {"planned", "active"}:
            result[project.pk].append(
                Problem(
                    kind="setup_incomplete",
                    severity="warn",
                    text=_("Setup incomplete: %(steps)s.")
                    % {"steps": ", ".join(str(step.label) for step in missing)},
                    url=link("projects:detail", [project.pk]),
                )
            )
    return result
