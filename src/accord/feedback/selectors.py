"""Reading feedback: the improvement view over a period, and surveys a member may open."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404

from .models import ASPECTS, Survey, SurveyResponse
from .services import LOW_SCORE


def survey_get_for_member(*, member, survey_id: int) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("project__client", "contact", "milestone", "case"),
        pk=survey_id,
        workspace=member.workspace,
    )


@dataclass
class Improvement:
    start: datetime.date
    end: datetime.date
    count: int = 0
    average: float | None = None
    aspects: dict[str, float | None] = field(default_factory=dict)
    weakest: str | None = None
    comments: list[SurveyResponse] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    situations: list[dict] = field(default_factory=list)


def improvement_summary(*, workspace, start: datetime.date, end: datetime.date) -> Improvement:
    """Aspects averaged over the period, the comments, and what drives the low scores.

    A low answer is tied to the situations of the cases that were open on its project in the
    30 days before it (or the case it followed), so the page shows which situations hurt.
    """
    responses = SurveyResponse.objects.filter(
        workspace=workspace, answered_at__date__gte=start, answered_at__date__lte=end
    )
    result = Improvement(start=start, end=end)
    totals = responses.aggregate(
        count=Count("id"), average=Avg("score"), **{a: Avg(a) for a in ASPECTS}
    )
    result.count = totals["count"]
    result.average = round(totals["average"], 2) if totals["average"] is not None else None
    result.aspects = {a: round(totals[a], 2) if totals[a] is not None else None for a in ASPECTS}
    rated = {a: v for a, v in result.aspects.items() if v is not None}
    result.weakest = min(rated, key=rated.get) if rated else None
    result.comments = list(
        responses.exclude(comment="")
        .select_related("survey__project", "survey__contact")
        .order_by("score", "-answered_at")[:30]
    )
    result.projects = list(
        responses.values("survey__project_id", "survey__project__name")
        .annotate(
            count=Count("id"),
            average=Avg("score"),
            low=Count("id", filter=Q(score__lte=LOW_SCORE)),
        )
        .order_by("average", "-low")[:20]
    )
    low = list(
        responses.filter(score__lte=LOW_SCORE).values_list(
            "survey__project_id", "answered_at", "survey__case__situation"
        )
    )
    if low:
        from accord.situations.models import Case

        earliest = min(answered for _p, answered, _s in low) - datetime.timedelta(days=30)
        cases: dict[int, list] = defaultdict(list)
        for project_id, situation, opened, resolved in (
            Case.objects.filter(project_id__in={project_id for project_id, _a, _s in low})
            .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=earliest))
            .values_list("project_id", "situation", "opened_at", "resolved_at")
        ):
            cases[project_id].append((situation, opened, resolved))
        counts: dict[str, int] = defaultdict(int)
        for project_id, answered, followed in low:
            window = answered - datetime.timedelta(days=30)
            seen = {followed} if followed else set()
            for situation, opened, resolved in cases.get(project_id, []):
                if opened <= answered and (resolved is None or resolved >= window):
                    seen.add(situation)
            for situation in seen:
                counts[situation] += 1
        from accord.situations.catalogue import Situation

        result.situations = [
            {"situation": key, "label": Situation(key).label, "low_answers": value}
            for key, value in sorted(counts.items(), key=lambda item: -item[1])
            if key in Situation.values
        ]
    return result
