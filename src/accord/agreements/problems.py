"""Overdue commitments of each side and reversed decisions, per project."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import ngettext

from accord.core.hooks import Problem, annotated, prefetched
from accord.core.links import link
from accord.core.querying import count_per_project

from .models import Agreement, Commitment

DECISION_COUNTS = {
    Agreement.Status.REVERSED: "reversed_decision_count",
    Agreement.Status.DISPUTED: "disputed_decision_count",
}


def project_annotations() -> dict:
    """Each project's number of reversed and of disputed decisions."""

    return {
        name: count_per_project(Agreement.objects.filter(status=status))
        for status, name in DECISION_COUNTS.items()
    }


def project_problems(projects: list) -> dict[int, list[Problem]]:
    today = timezone.localdate()
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    loaded = prefetched(projects, "commitments")
    if loaded is not None:
        counted = Counter(
            (item.project_id, item.side)
            for items in loaded.values()
            for item in items
            if item.status == Commitment.Status.OPEN and item.due_date < today
        )
        overdue = [
            {"project_id": project_id, "side": side, "count": count}
            for (project_id, side), count in sorted(counted.items())
        ]
    else:
        overdue = (
            Commitment.objects.filter(
                project__in=projects, status=Commitment.Status.OPEN, due_date__lt=today
            )
            .values("project_id", "side")
            .annotate(count=Count("id"))
        )
    for row in overdue:
        url = link("projects:detail", [row["project_id"]]) + "#commitments"
        if row["side"] == Commitment.Side.CLIENT:
            text = ngettext(
                "%(count)d client commitment is overdue.",
                "%(count)d client commitments are overdue.",
                row["count"],
            ) % {"count": row["count"]}
            result[row["project_id"]].append(Problem("client_overdue", text, "bad", url))
        else:
            text = ngettext(
                "%(count)d of our commitments is overdue.",
                "%(count)d of our commitments are overdue.",
                row["count"],
            ) % {"count": row["count"]}
            result[row["project_id"]].append(Problem("team_overdue", text, "bad", url))
    # Reversed and disputed decisions in one query; reversed ones are listed first.
    by_status: dict[str, list[dict]] = {
        Agreement.Status.REVERSED: [],
        Agreement.Status.DISPUTED: [],
    }
    decided = prefetched(projects, "agreements")
    counts = {status: annotated(projects, name) for status, name in DECISION_COUNTS.items()}
    if decided is None and None not in counts.values():
        rows = [
            {"project_id": project.pk, "status": status, "count": counts[status][project.pk]}
            for project in sorted(projects, key=lambda project: project.pk)
            for status in sorted(DECISION_COUNTS)
            if counts[status][project.pk]
        ]
    elif decided is not None:
        tally = Counter(
            (item.project_id, item.status)
            for items in decided.values()
            for item in items
            if item.status in by_status
        )
        rows = [
            {"project_id": project_id, "status": status, "count": count}
            for (project_id, status), count in sorted(tally.items())
        ]
    else:
        rows = (
            Agreement.objects.filter(
                project__in=projects,
                status__in=[Agreement.Status.REVERSED, Agreement.Status.DISPUTED],
            )
            .values("project_id", "status")
            .annotate(count=Count("id"))
            .order_by("project_id", "status")
        )
    for row in rows:
        by_status[row["status"]].append(row)
    for row in by_status[Agreement.Status.REVERSED]:
        text = ngettext(
            "The client reversed %(count)d accepted decision.",
            "The client reversed %(count)d accepted decisions.",
            row["count"],
        ) % {"count": row["count"]}
        url = link("projects:detail", [row["project_id"]]) + "#agreements"
        result[row["project_id"]].append(Problem("agreement_reversed", text, "bad", url))
    for row in by_status[Agreement.Status.DISPUTED]:
        text = ngettext(
            "%(count)d decision disputed by the client.",
            "%(count)d decisions disputed by the client.",
            row["count"],
        ) % {"count": row["count"]}
        result[row["project_id"]].append(
            Problem(
                "agreement_disputed",
                text,
                "warn",
                link("projects:detail", [row["project_id"]]) + "#agreements",
            )
        )
    return result
