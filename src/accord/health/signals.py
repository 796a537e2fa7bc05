"""Every health signal Accord computes. Each reads all projects of a recomputation in one or two
queries; see ``registry`` for the contract."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import Evidence, Finding, Side, SignalContext, clamp, record_url, signal

EVIDENCE_LIMIT = 5
TONE_DAYS = 30
REVERSAL_DAYS = 180
FEEDBACK_DAYS = 180
SEVERITY_STRENGTH = {"low": 0.15, "medium": 0.3, "high": 0.6, "critical": 1.0}


def _project_url(project_id: int, anchor: str = "") -> str:
    return record_url("projects:detail", project_id, anchor)


def _message_url(interaction_id: int) -> str:
    return record_url("communications:detail", interaction_id)


def _recent_interactions(ctx: SignalContext) -> dict[int, list]:
    """Interactions of the last 60 days per project, oldest first (shared by three signals)."""

    def load() -> dict[int, list]:
        from accord.communications.models import Interaction

        since = ctx.now - datetime.timedelta(days=2 * TONE_DAYS)
        by_project: dict[int, list] = defaultdict(list)
        rows = (
            Interaction.objects.filter(ctx.scope(), occurred_at__gte=since)
            .only("id", "project_id", "direction", "occurred_at", "subject", "channel")
            .order_by("occurred_at", "id")
        )
        for row in rows:
            by_project[row.project_id].append(row)
        return by_project

    return ctx.cached("recent_interactions", load)


@signal(
    "negative_tone_trend",
    weight=15,
    side=Side.SHARED,
    label=_("Negative tone in client messages"),
    summary=_(
        "%(negative)d of %(total)d client messages negative in the last 30 days "
        "(%(before)d of %(before_total)d the 30 days before)."
    ),
)
def negative_tone_trend(ctx: SignalContext) -> dict[int, Finding]:
    from accord.triage.models import TriageResult

    since = ctx.now - datetime.timedelta(days=2 * TONE_DAYS)
    split = ctx.now - datetime.timedelta(days=TONE_DAYS)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    negatives: dict[int, list] = defaultdict(list)
    rows = (
        TriageResult.objects.filter(
            ctx.scope("interaction__project"),
            interaction__direction="in",
            interaction__occurred_at__gte=since,
        )
        .values_list(
            "interaction__project_id",
            "interaction_id",
            "interaction__occurred_at",
            "interaction__subject",
            "tone",
        )
        .order_by("-interaction__occurred_at")
    )
    for project_id, interaction_id, occurred_at, subject, tone in rows:
        period = "recent" if occurred_at >= split else "before"
        counts[project_id][period + "_total"] += 1
        if tone == "negative":
            counts[project_id][period] += 1
            if period == "recent":
                negatives[project_id].append((interaction_id, subject, occurred_at))
    result = {}
    for project_id, count in counts.items():
        if not count["recent"]:
            continue
        share = count["recent"] / count["recent_total"]
        before = count["before"] / count["before_total"] if count["before_total"] else 0.0
        result[project_id] = Finding(
            strength=clamp(share + max(0.0, share - before)),
            params={
                "negative": count["recent"],
                "total": count["recent_total"],
                "before": count["before"],
                "before_total": count["before_total"],
            },
            evidence=[
                Evidence(f"{occurred_at:%Y-%m-%d} {subject or '—'}", _message_url(interaction_id))
                for interaction_id, subject, occurred_at in negatives[project_id][:EVIDENCE_LIMIT]
            ],
        )
    return result


@signal(
    "open_cases",
    weight=20,
    side=Side.SHARED,
    label=_("Open difficult situations"),
    summary=_("%(count)d open case(s), the most severe %(worst)s."),
)
def open_cases(ctx: SignalContext) -> dict[int, Finding]:
    from accord.situations.models import OPEN_STATUSES, Case

    rows = (
        Case.objects.filter(ctx.scope(), status__in=OPEN_STATUSES)
        .values_list("project_id", "id", "situation", "severity")
        .order_by("id")
    )
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    order = list(SEVERITY_STRENGTH)
    result = {}
    for project_id, cases in grouped.items():
        worst = max((case[3] for case in cases), key=lambda s: order.index(s) if s in order else 0)
        result[project_id] = Finding(
            strength=clamp(sum(SEVERITY_STRENGTH.get(case[3], 0.3) for case in cases)),
            params={"count": len(cases), "worst": worst},
            evidence=[
                Evidence(
                    f"{situation} · {severity}",
                    record_url("situations:detail", pk),
                    kind="case",
                    args={"situation": situation, "severity": severity},
                )
                for _project, pk, situation, severity in cases[:EVIDENCE_LIMIT]
            ],
        )
    return result


@signal(
    "client_overdue_commitments",
    weight=15,
    side=Side.CLIENT,
    label=_("Client commitments overdue"),
    summary=_("%(count)d client commitment(s) past their date, the oldest %(days)d days."),
)
def client_overdue_commitments(ctx: SignalContext) -> dict[int, Finding]:
    return _overdue_commitments(ctx, side="client")


@signal(
    "our_overdue_commitments",
    weight=15,
    side=Side.OURS,
    label=_("Our commitments overdue"),
    summary=_("%(count)d of our commitment(s) past their date, the oldest %(days)d days."),
)
def our_overdue_commitments(ctx: SignalContext) -> dict[int, Finding]:
    return _overdue_commitments(ctx, side="ours")


def _overdue_commitments(ctx: SignalContext, *, side: str) -> dict[int, Finding]:
    from accord.agreements.models import Commitment

    rows = (
        Commitment.objects.filter(ctx.scope(), side=side, status="open", due_date__lt=ctx.today)
        .values_list("project_id", "id", "title", "due_date")
        .order_by("due_date", "id")
    )
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    result = {}
    for project_id, items in grouped.items():
        oldest = (ctx.today - items[0][3]).days
        result[project_id] = Finding(
            strength=clamp(len(items) / 3 + oldest / 60),
            params={"count": len(items), "days": oldest},
            evidence=[
                Evidence(f"{due:%Y-%m-%d} {title}", _project_url(project_id, "commitments"))
                for _project, _pk, title, due in items[:EVIDENCE_LIMIT]
            ],
        )
    return result


@signal(
    "overdue_invoices",
    weight=15,
    side=Side.CLIENT,
    label=_("Invoices overdue"),
    summary=_("%(count)d invoice(s) unpaid past their due date, the oldest %(days)d days."),
)
def overdue_invoices(ctx: SignalContext) -> dict[int, Finding]:
    from accord.billing.models import Invoice
    from accord.billing.selectors import OPEN

    rows = (
        Invoice.objects.filter(ctx.scope(), status__in=OPEN, due_date__lt=ctx.today)
        .values_list("project_id", "id", "number", "due_date")
        .order_by("due_date", "id")
    )
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    result = {}
    for project_id, items in grouped.items():
        oldest = (ctx.today - items[0][3]).days
        result[project_id] = Finding(
            strength=clamp(len(items) / 3 + oldest / 45),
            params={"count": len(items), "days": oldest},
            evidence=[
                Evidence(f"{number} · {due:%Y-%m-%d}", record_url("billing:invoice", pk))
                for _project, pk, number, due in items[:EVIDENCE_LIMIT]
            ],
        )
    return result


@signal(
    "reversed_agreements",
    weight=10,
    side=Side.CLIENT,
    label=_("Accepted decisions reversed"),
    summary=_("%(count)d accepted decision(s) reversed by the client in the last 180 days."),
)
def reversed_agreements(ctx: SignalContext) -> dict[int, Finding]:
    from accord.agreements.models import Agreement

    since = ctx.now - datetime.timedelta(days=REVERSAL_DAYS)
    rows = (
        Agreement.objects.filter(ctx.scope(), status="reversed")
        .filter(Q(reversed_at__gte=since) | Q(reversed_at__isnull=True))
        .values_list("project_id", "id", "title")
        .order_by("-id")
    )
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    return {
        project_id: Finding(
            strength=clamp(len(items) / 2),
            params={"count": len(items)},
            evidence=[
                Evidence(title, record_url("agreements:detail", pk))
                for _project, pk, title in items[:EVIDENCE_LIMIT]
            ],
        )
        for project_id, items in grouped.items()
    }


@signal(
    "client_silence",
    weight=10,
    side=Side.CLIENT,
    label=_("Client silent"),
    summary=_("No answer from the client for %(days)d working days (threshold %(threshold)d)."),
)
def client_silence(ctx: SignalContext) -> dict[int, Finding]:
    from accord.communications.models import Interaction
    from accord.communications.selectors import client_silence as silence_of

    latest = Interaction.objects.filter(
        ctx.scope(),
        occurred_at=Subquery(
            Interaction.objects.filter(project_id=OuterRef("project_id"))
            .order_by("-occurred_at", "-id")
            .values("occurred_at")[:1]
        ),
    ).only("id", "project_id", "direction", "occurred_at", "subject")
    last_by_project = {item.project_id: item for item in latest}
    result = {}
    for project in ctx.projects:
        last = last_by_project.get(project.pk)
        if last is None or project.status not in ("planned", "active"):
            continue
        silence = silence_of(
            project=project, last=last, today=ctx.today, calendar=ctx.calendar(project)
        )
        if silence is None:
            continue
        threshold = max(1, project.silence_threshold_days)
        result[project.pk] = Finding(
            strength=clamp(silence.working_days / (3 * threshold)),
            params={"days": silence.working_days, "threshold": threshold},
            evidence=[
                Evidence(
                    f"{last.occurred_at:%Y-%m-%d} {last.subject or '—'}", _message_url(last.pk)
                )
            ],
        )
    return result


@signal(
    "response_time_breaches",
    weight=10,
    side=Side.OURS,
    label=_("Our answers later than promised"),
    summary=_(
        "%(waiting)d client message(s) still waiting and %(late)d answered later than the "
        "promised %(hours)d working hours (last 60 days)."
    ),
)
def response_time_breaches(ctx: SignalContext) -> dict[int, Finding]:
    from accord.communications.selectors import response_stats

    recent = _recent_interactions(ctx)
    result = {}
    for project in ctx.projects:
        items = recent.get(project.pk)
        if not items:
            continue
        stats = response_stats(
            project=project, interactions=items, now=ctx.now, calendar=ctx.calendar(project)
        )
        breaches = stats.breaches
        if not breaches:
            continue
        waiting = [row for row in breaches if row.answer is None]
        result[project.pk] = Finding(
            strength=clamp((2 * len(waiting) + len(breaches) - len(waiting)) / 4),
            params={
                "waiting": len(waiting),
                "late": len(breaches) - len(waiting),
                "hours": stats.promised_hours or 0,
            },
            evidence=[
                Evidence(
                    f"{row.inbound.occurred_at:%Y-%m-%d} {row.inbound.subject or '—'} ({row.hours} h)",
                    _message_url(row.inbound.pk),
                )
                for row in breaches[-EVIDENCE_LIMIT:]
            ],
        )
    return result


@signal(
    "milestones_at_risk",
    weight=20,
    side=Side.OURS,
    label=_("Milestones missed or at risk"),
    summary=_("%(missed)d milestone(s) past their date, %(at_risk)d forecast late."),
)
def milestones_at_risk(ctx: SignalContext) -> dict[int, Finding]:
    from accord.projects.models import Milestone

    rows = (
        Milestone.objects.filter(ctx.scope(), done_date__isnull=True)
        .filter(
            Q(planned_date__lt=ctx.today)
            | Q(forecast_date__isnull=False, forecast_date__gt=F("planned_date"))
        )
        .values_list("project_id", "name", "planned_date", "forecast_date")
        .order_by("planned_date", "id")
    )
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    result = {}
    for project_id, items in grouped.items():
        missed = [item for item in items if item[2] < ctx.today]
        at_risk = [item for item in items if item[2] >= ctx.today]
        result[project_id] = Finding(
            strength=clamp(0.5 * len(missed) + 0.25 * len(at_risk)),
            params={"missed": len(missed), "at_risk": len(at_risk)},
            evidence=[
                Evidence(
                    f"{name}: {planned:%Y-%m-%d}" + (f" → {forecast:%Y-%m-%d}" if forecast else ""),
                    _project_url(project_id, "milestones"),
                )
                for _project, name, planned, forecast in items[:EVIDENCE_LIMIT]
            ],
        )
    return result


@signal(
    "low_feedback_scores",
    weight=10,
    side=Side.SHARED,
    label=_("Low feedback scores"),
    summary=_("%(low)d low rating(s) of %(count)d in the last 180 days (average %(average)s)."),
)
def low_feedback_scores(ctx: SignalContext) -> dict[int, Finding]:
    from accord.feedback.models import SurveyResponse

    since = ctx.now - datetime.timedelta(days=FEEDBACK_DAYS)
    rows = (
        SurveyResponse.objects.filter(ctx.scope("survey__project"), answered_at__gte=since)
        .values_list("survey__project_id", "survey_id", "score", "answered_at")
        .order_by("-answered_at")
    )
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    result = {}
    for project_id, items in grouped.items():
        low = [item for item in items if item[2] <= 2]
        average = sum(item[2] for item in items) / len(items)
        if not low and average >= 3.5:
            continue
        result[project_id] = Finding(
            strength=clamp(len(low) / 2 + max(0.0, (3.5 - average) / 2.5)),
            params={"low": len(low), "count": len(items), "average": f"{average:.1f}"},
            evidence=[
                Evidence(
                    f"{answered:%Y-%m-%d} CSAT {score}/5",
                    record_url("feedback:survey_detail", survey_id),
                )
                for _project, survey_id, score, answered in (low or items)[:EVIDENCE_LIMIT]
            ],
        )
    return result


@signal(
    "missing_minutes",
    weight=5,
    side=Side.OURS,
    label=_("Minutes not sent"),
    summary=_("%(count)d held meeting(s) without minutes sent to the client."),
)
def missing_minutes(ctx: SignalContext) -> dict[int, Finding]:
    from accord.meetings.models import Meeting
    from accord.meetings.services import minutes_grace_hours

    cutoff = ctx.now - datetime.timedelta(hours=minutes_grace_hours())
    rows = (
        Meeting.objects.filter(
            ctx.scope(), status="held", minutes_sent_at__isnull=True, starts_at__lt=cutoff
        )
        .values_list("project_id", "id", "title", "starts_at")
        .order_by("-starts_at")
    )
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    return {
        project_id: Finding(
            strength=clamp(len(items) / 2),
            params={"count": len(items)},
            evidence=[
                Evidence(
                    f"{timezone.localtime(starts):%Y-%m-%d} {title}",
                    record_url("meetings:detail", pk),
                )
                for _project, pk, title, starts in items[:EVIDENCE_LIMIT]
            ],
        )
        for project_id, items in grouped.items()
    }


@signal(
    "incomplete_setup",
    weight=5,
    side=Side.OURS,
    label=_("Project setup incomplete"),
    summary=_("%(missing)d of %(total)d rules of cooperation not agreed: %(steps)s."),
)
def incomplete_setup(ctx: SignalContext) -> dict[int, Finding]:
    from accord.projects.selectors import project_setup_checklist

    result = {}
    for project in ctx.projects:
        if project.status not in ("planned", "active"):
            continue
        steps = project_setup_checklist(
            project,
            our_commitments=project.our_commitments,
            client_commitments=project.client_commitments,
        )
        missing = [step for step in steps if not step.done]
        if not missing:
            continue
        result[project.pk] = Finding(
            strength=clamp(len(missing) / len(steps)),
            params={
                "missing": len(missing),
                "total": len(steps),
                "steps": ", ".join(step.key for step in missing),
            },
            evidence=[
                Evidence(
                    str(step.label),
                    _project_url(project.pk, "setup"),
                    kind="setup",
                    args={"step": step.key},
                )
                for step in missing
            ],
        )
    return result
