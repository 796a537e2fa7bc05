"""Recomputing health: every signal over a set of projects at once, then clients, then history."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from accord.core.hooks import app_modules
from accord.projects.models import Project

from .models import (
    Band,
    ClientHealth,
    ClientHealthSnapshot,
    ProjectHealth,
    ProjectHealthSnapshot,
)
from .registry import SIGNALS, Evidence, SignalContext, record_url

logger = logging.getLogger(__name__)

RUNNING_STATUSES = ("planned", "active", "on_hold")
PROFILE_DAYS = 365
# How often each fact must show in the records before it counts towards a difficult client.
# A reversal of an accepted decision is a warning sign on its own (situation catalogue).
PROFILE_THRESHOLDS = {"misses_dates": 2, "reverses_decisions": 1, "avoids_commitments": 2}
PROFILE_FACTS_NEEDED = 2


def band_for(score: int) -> str:
    if score >= 75:
        return Band.GOOD
    if score >= 50:
        return Band.WATCH
    return Band.AT_RISK


@dataclass
class RecomputeResult:
    projects: int = 0
    clients: int = 0
    band_changes: list[tuple[str, int, str, str]] = field(default_factory=list)
    # Every change worth telling subscribers about: (kind, id, old score, old band, score, band).
    changes: list[tuple[str, int, int, str, int, str]] = field(default_factory=list)


def _load_extra_signals() -> None:
    """Apps may keep their own signals in ``<app>/health_signals.py``."""
    app_modules("health_signals")


def project_findings(ctx: SignalContext) -> dict[int, list[dict]]:
    """Every signal's findings per project, heaviest first, as stored in ``ProjectHealth``."""
    _load_extra_signals()
    findings: dict[int, list[dict]] = {project.pk: [] for project in ctx.projects}
    for spec in SIGNALS.values():
        for project_id, finding in spec.function(ctx).items():
            if project_id not in findings or finding.strength <= 0:
                continue
            findings[project_id].append(
                {
                    "signal": spec.id,
                    "side": spec.side,
                    "weight": spec.weight,
                    "strength": round(finding.strength, 3),
                    "points": round(spec.weight * finding.strength, 1),
                    "params": finding.params,
                    "evidence": [item.as_dict() for item in finding.evidence],
                }
            )
    for items in findings.values():
        items.sort(key=lambda item: -item["points"])
    return findings


def score_of(findings: list[dict]) -> int:
    return max(0, min(100, round(100 - sum(item["points"] for item in findings))))


def _projects_for(*, workspace=None, project_ids=None) -> list[Project]:
    queryset = Project.objects.select_related("client", "contract", "workspace").annotate(
        our_commitments=Count("commitments", filter=Q(commitments__side="ours")),
        client_commitments=Count("commitments", filter=Q(commitments__side="client")),
    )
    if project_ids is not None:
        queryset = queryset.filter(pk__in=list(project_ids))
    if workspace is not None:
        queryset = queryset.filter(workspace=workspace)
    return list(queryset.order_by("pk"))


def health_recompute(
    *, workspace=None, project_ids=None, now: datetime.datetime | None = None
) -> RecomputeResult:
    """Recompute the projects (all of ``workspace``, or ``project_ids``) and their clients.

    Each signal runs a fixed number of queries for the whole set; writes are bulk upserts, so
    the cost grows with the data, not with round trips. Safe to repeat: today's snapshot is
    replaced, not added.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    projects = _projects_for(workspace=workspace, project_ids=project_ids)
    result = RecomputeResult()
    if not projects:
        return result
    ctx = SignalContext(projects=projects, today=today, now=now)
    if workspace is not None and project_ids is None:
        ctx.whole_workspaces([workspace.pk])
    findings = project_findings(ctx)
    with transaction.atomic():
        previous = {
            project_id: (score, band)
            for project_id, score, band in ProjectHealth.objects.filter(
                project__in=[p.pk for p in projects]
            ).values_list("project_id", "score", "band")
        }
        rows, snapshots = [], []
        for project in projects:
            items = findings[project.pk]
            score = score_of(items)
            band = band_for(score)
            rows.append(
                ProjectHealth(
                    workspace_id=project.workspace_id,
                    project=project,
                    score=score,
                    band=band,
                    findings=items,
                    computed_at=now,
                )
            )
            snapshots.append(
                ProjectHealthSnapshot(
                    workspace_id=project.workspace_id,
                    project=project,
                    day=today,
                    score=score,
                    points={item["signal"]: item["points"] for item in items},
                )
            )
            _change_note(result, "project", project.pk, previous.get(project.pk), score, band)
        ProjectHealth.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["project"],
            update_fields=["score", "band", "findings", "computed_at"],
        )
        ProjectHealthSnapshot.objects.bulk_create(
            snapshots,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["project", "day"],
            update_fields=["score", "points"],
        )
        result.projects = len(rows)
        client_ids = sorted({project.client_id for project in projects})
        result.clients = _clients_recompute(
            client_ids=client_ids, now=now, today=today, result=result
        )
        if result.changes:
            _changes_announce(result.changes, projects)
    return result


def change_points() -> int:
    """Points a score must move (without changing band) before ``health.changed`` is raised."""
    from django.conf import settings

    return int(getattr(settings, "ACCORD_HEALTH_CHANGE_POINTS", 10))


def _change_note(result: RecomputeResult, kind: str, pk: int, old, score: int, band: str):
    if old is None:
        return
    old_score, old_band = old
    if old_band != band:
        result.band_changes.append((kind, pk, old_band, band))
    if old_band != band or abs(score - old_score) >= change_points():
        result.changes.append((kind, pk, old_score, old_band, score, band))


def _clients_recompute(*, client_ids: list[int], now, today, result: RecomputeResult) -> int:
    """A client's score is the mean of its running projects (all projects when none runs)."""
    from accord.clients.models import Client

    clients = {client.pk: client for client in Client.objects.filter(pk__in=client_ids)}
    scores: dict[int, list] = defaultdict(list)
    for client_id, status, score, items in (
        ProjectHealth.objects.filter(project__client_id__in=client_ids)
        .values_list("project__client_id", "project__status", "score", "findings")
        .order_by("project_id")
    ):
        scores[client_id].append((status in RUNNING_STATUSES, score, items))
    profiles = difficult_profiles(client_ids=client_ids, now=now, today=today)
    previous = {
        client_id: (score, band)
        for client_id, score, band in ClientHealth.objects.filter(
            client_id__in=client_ids
        ).values_list("client_id", "score", "band")
    }
    rows, snapshots = [], []
    for client_id, client in clients.items():
        entries = scores.get(client_id, [])
        running = [entry for entry in entries if entry[0]] or entries
        score = round(sum(entry[1] for entry in running) / len(running)) if running else 100
        band = band_for(score)
        rows.append(
            ClientHealth(
                workspace_id=client.workspace_id,
                client=client,
                score=score,
                band=band,
                findings=_merge_findings([entry[2] for entry in running]),
                profile=profiles.get(client_id, {"difficult": False, "facts": []}),
                computed_at=now,
            )
        )
        snapshots.append(
            ClientHealthSnapshot(
                workspace_id=client.workspace_id, client=client, day=today, score=score
            )
        )
        _change_note(result, "client", client_id, previous.get(client_id), score, band)
    ClientHealth.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["client"],
        update_fields=["score", "band", "findings", "profile", "computed_at"],
    )
    ClientHealthSnapshot.objects.bulk_create(
        snapshots,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["client", "day"],
        update_fields=["score"],
    )
    return len(rows)


def _merge_findings(per_project: list[list[dict]]) -> list[dict]:
    """A client's findings: each signal's points averaged over its projects, evidence merged."""
    merged: dict[str, dict] = {}
    count = max(1, len(per_project))
    for items in per_project:
        for item in items:
            entry = merged.setdefault(
                item["signal"], {**item, "points": 0.0, "evidence": [], "projects": 0}
            )
            entry["points"] += item["points"] / count
            entry["projects"] += 1
            entry["evidence"].extend(item["evidence"][: 5 - len(entry["evidence"])])
    for entry in merged.values():
        entry["points"] = round(entry["points"], 1)
    return sorted(merged.values(), key=lambda item: -item["points"])


def difficult_profiles(*, client_ids: list[int], now, today) -> dict[int, dict]:
    """The three facts of a difficult client, read from the records of the last year.

    misses the dates it agreed (client commitments done late or still overdue), reverses
    decisions it had accepted, avoids commitments, financial ones included (client commitments
    cancelled, open no-feedback or non-payment cases, invoices unpaid past their due date).
    """
    from accord.agreements.models import Agreement, Commitment
    from accord.billing.models import Invoice
    from accord.billing.selectors import OPEN as OPEN_INVOICES
    from accord.situations.models import OPEN_STATUSES, Case

    since_day = today - datetime.timedelta(days=PROFILE_DAYS)
    since = now - datetime.timedelta(days=PROFILE_DAYS)
    facts: dict[int, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    commitments = (
        Commitment.objects.filter(
            project__client_id__in=client_ids, side="client", due_date__gte=since_day
        )
        .filter(
            Q(status="open", due_date__lt=today)
            | Q(status="done", done_at__date__gt=F("due_date"))
            | Q(status="cancelled")
        )
        .values_list("project__client_id", "project_id", "title", "due_date", "status")
        .order_by("due_date")
    )
    for client_id, project_id, title, due, status in commitments:
        url = record_url("projects:detail", project_id, "commitments")
        fact = "avoids_commitments" if status == "cancelled" else "misses_dates"
        facts[client_id][fact].append(Evidence(f"{due:%Y-%m-%d} {title}", url))
    reversals = (
        Agreement.objects.filter(project__client_id__in=client_ids, status="reversed")
        .filter(Q(reversed_at__gte=since) | Q(reversed_at__isnull=True))
        .values_list("project__client_id", "pk", "title")
    )
    for client_id, pk, title in reversals:
        facts[client_id]["reverses_decisions"].append(
            Evidence(title, record_url("agreements:detail", pk))
        )
    # Financial commitments: invoices of the last year still unpaid past their due date.
    overdue_invoices = (
        Invoice.objects.filter(
            client_id__in=client_ids,
            status__in=OPEN_INVOICES,
            due_date__lt=today,
            due_date__gte=since_day,
        )
        .values_list("client_id", "pk", "number", "due_date", "case_id")
        .order_by("due_date", "pk")
    )
    # A late invoice opens a payment_issue case: the invoice and its case are one fact, not two.
    counted_cases = set()
    for client_id, pk, number, due, case_id in overdue_invoices:
        counted_cases.add(case_id)
        facts[client_id]["avoids_commitments"].append(
            Evidence(f"{number} · {due:%Y-%m-%d}", record_url("billing:invoice", pk))
        )
    avoiding_cases = Case.objects.filter(
        project__client_id__in=client_ids,
        status__in=OPEN_STATUSES,
        situation__in=("no_feedback", "payment_issue"),
    ).values_list("project__client_id", "pk", "situation")
    for client_id, pk, situation in avoiding_cases:
        if pk in counted_cases:
            continue
        facts[client_id]["avoids_commitments"].append(
            Evidence(
                situation,
                record_url("situations:detail", pk),
                kind="case",
                args={"situation": situation},
            )
        )
    for module in app_modules("health_signals"):
        extra = getattr(module, "profile_facts", None)
        if extra is not None:
            for client_id, fact, evidence in extra(client_ids=client_ids, today=today):
                facts[client_id][fact].append(evidence)
    profiles = {}
    for client_id in client_ids:
        found = facts.get(client_id, {})
        rows = []
        for fact, threshold in PROFILE_THRESHOLDS.items():
            evidence = found.get(fact, [])
            rows.append(
                {
                    "fact": fact,
                    "count": len(evidence),
                    "held": len(evidence) >= threshold,
                    "evidence": [item.as_dict() for item in evidence[:5]],
                }
            )
        profiles[client_id] = {
            "difficult": sum(row["held"] for row in rows) >= PROFILE_FACTS_NEEDED,
            "facts": rows,
        }
    return profiles


def _changes_announce(changes: list[tuple[str, int, int, str, int, str]], projects) -> None:
    """``health.changed`` for each change, in the recomputation's transaction (sent after it).

    One query finds the workspaces that listen; the others pay nothing. The payload carries the
    score and band the team sees; it goes to the workspace's own systems, never to a client.
    """
    from accord.webhooks.models import Event
    from accord.webhooks.services import webhook_emit, workspaces_subscribed

    workspaces = {project.workspace_id: project.workspace for project in projects}
    listening = workspaces_subscribed(Event.HEALTH_CHANGED, workspaces)
    if not listening:
        return
    by_id = {("project", project.pk): project for project in projects}
    clients = {("client", project.client_id): project.client for project in projects}
    by_id.update(clients)
    for kind, pk, old_score, old_band, score, band in changes:
        record = by_id[(kind, pk)]
        if record.workspace_id not in listening:
            continue
        subject = {"id": pk, "name": record.name}
        if kind == "project":
            subject["client_id"] = record.client_id
        webhook_emit(
            workspaces[record.workspace_id],
            Event.HEALTH_CHANGED,
            {
                "kind": kind,
                kind: subject,
                "before": {"score": old_score, "band": old_band},
                "after": {"score": score, "band": band},
            },
        )
