"""Reading health for pages: stored findings turned into explanations in the viewer's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import ClientHealth, ProjectHealth, ProjectHealthSnapshot
from .registry import SIDES, SIGNALS, Side


@dataclass
class ExplainedFinding:
    signal: str
    label: str
    summary: str
    side: str
    weight: int
    points: float
    evidence: list[dict]


@dataclass
class Explanation:
    score: int | None
    band: str
    sides: dict[str, list[ExplainedFinding]] = field(default_factory=dict)
    computed_at: object = None

    @property
    def findings(self) -> list[ExplainedFinding]:
        return [item for side in SIDES for item in self.sides.get(side, [])]


def side_titles() -> dict[str, str]:
    return {
        Side.OURS: _("What we owe the client"),
        Side.CLIENT: _("What the client owes us"),
        Side.SHARED: _("The relationship"),
    }


def _evidence_text(item: dict) -> str:
    from accord.projects.models import Project
    from accord.projects.selectors import project_setup_checklist
    from accord.situations.catalogue import Situation
    from accord.situations.models import Case

    args = item.get("args") or {}
    if item.get("kind") == "case":
        parts = []
        if args.get("situation") in Situation.values:
            parts.append(str(Situation(args["situation"]).label))
        if args.get("severity") in Case.Severity.values:
            parts.append(str(Case.Severity(args["severity"]).label))
        return " · ".join(parts) or item["text"]
    if item.get("kind") == "setup":
        labels = {
            step.key: str(step.label)
            for step in project_setup_checklist(Project(), our_commitments=0, client_commitments=0)
        }
        return labels.get(args.get("step"), item["text"])
    return item["text"]


def _summary(spec, params: dict) -> str:
    from accord.situations.models import Case

    values = dict(params)
    if "worst" in values and values["worst"] in Case.Severity.values:
        values["worst"] = str(Case.Severity(values["worst"]).label).lower()
    try:
        return str(spec.summary) % values
    except (KeyError, TypeError, ValueError):
        return str(spec.label)


def explain(findings: list[dict]) -> dict[str, list[ExplainedFinding]]:
    sides: dict[str, list[ExplainedFinding]] = {side: [] for side in SIDES}
    for item in findings:
        spec = SIGNALS.get(item["signal"])
        if spec is None:
            continue
        sides.setdefault(item["side"], []).append(
            ExplainedFinding(
                signal=item["signal"],
                label=str(spec.label),
                summary=_summary(spec, item.get("params", {})),
                side=item["side"],
                weight=item["weight"],
                points=item["points"],
                evidence=[
                    {"text": _evidence_text(evidence), "url": evidence["url"]}
                    for evidence in item.get("evidence", [])
                ],
            )
        )
    return sides


def project_health_explained(project) -> Explanation:
    health = ProjectHealth.objects.filter(project=project).first()
    if health is None:
        return Explanation(score=None, band="")
    return Explanation(
        score=health.score,
        band=health.band,
        sides=explain(health.findings),
        computed_at=health.computed_at,
    )


def client_health_get(client) -> ClientHealth | None:
    return ClientHealth.objects.filter(client=client).first()


def profile_explained(profile: dict) -> list[dict]:
    labels = {
        "misses_dates": _("Misses the dates it agreed to"),
        "reverses_decisions": _("Reverses decisions it had accepted"),
        "avoids_commitments": _("Avoids commitments, financial ones included"),
    }
    return [
        {
            "label": labels.get(row["fact"], row["fact"]),
            "held": row["held"],
            "count": row["count"],
            "evidence": [
                {"text": _evidence_text(item), "url": item["url"]} for item in row["evidence"]
            ],
        }
        for row in profile.get("facts", [])
    ]


def project_health_history(project, *, days: int = 180) -> list[tuple]:
    return list(
        ProjectHealthSnapshot.objects.filter(project=project)
        .order_by("-day")
        .values_list("day", "score")[:days]
    )[::-1]


def project_health_get_for_member(*, member, project_id: int) -> ProjectHealth:
    return get_object_or_404(
        ProjectHealth.objects.select_related("project__client"),
        project_id=project_id,
        workspace=member.workspace,
    )


def dashboard_rows(*, workspace, limit: int | None = None) -> list[ProjectHealth]:
    """Projects sorted by health, worst first (one query); ``limit`` keeps the worst only."""
    queryset = (
        ProjectHealth.objects.filter(workspace=workspace)
        .select_related("project__client")
        .order_by("score", "project__name", "project_id")
    )
    return list(queryset[:limit] if limit else queryset)
