"""The dunning ladder: each step once per invoice, on the right working day, never dropped.

Dates. An invoice is late from the first working day after its due date (a due date on a weekend
or holiday moves to the next working day, as payment law does in the EU and Russia). A step with
``days_late = N`` is due N calendar days after that moved due date, plus every day the ladder was
paused by a payment plan, and is carried out on the first working day on or after that date. The
scheduler does nothing on non-working days.

Exactly once. ``invoice_dunning_advance`` locks the invoice row (``select_for_update``), reads the
actions already taken and writes the new one with everything it causes (e-mail interaction, task,
case link) in one transaction; the unique constraint on (invoice, step) refuses a second copy.
A crash rolls the whole step back, so the next run does it. After downtime only the latest due
step is carried out; the earlier ones are recorded as passed over so they never fire later.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.errors import DomainError
from accord.core.events import event_record
from accord.workspaces.calendar import WorkCalendar

from .models import DunningAction, DunningStep, Invoice, PaymentPlan

logger = logging.getLogger(__name__)

DEFAULT_LADDER = (
    (1, DunningStep.Action.REMINDER),
    (7, DunningStep.Action.CALL),
    (14, DunningStep.Action.PLAN_PROPOSAL),
    (30, DunningStep.Action.FORMAL_NOTICE),
    (45, DunningStep.Action.HANDOVER),
)
# How long a formal notice gives the client to pay.
NOTICE_DAYS = 7


def ladder_for_workspace(*, workspace) -> list[DunningStep]:
    """The workspace's ladder; the default one is created the first time it is needed."""
    steps = list(DunningStep.objects.filter(workspace=workspace).order_by("days_late"))
    if steps:
        return steps
    with transaction.atomic():
        for days, action in DEFAULT_LADDER:
            DunningStep.objects.get_or_create(
                workspace=workspace, days_late=days, defaults={"action": action}
            )
    return list(DunningStep.objects.filter(workspace=workspace).order_by("days_late"))


def ladder_check(rows: list[dict]) -> None:
    seen: set[int] = set()
    for row in rows:
        days = row.get("days_late")
        if days is None or days < 1 or days > 365:
            raise DomainError(
                _("Days after the due date must be between 1 and 365."), field="days_late"
            )
        if days in seen:
            raise DomainError(
                _("Two steps on day %(days)s: give each step its own day.") % {"days": days},
                field="days_late",
            )
        seen.add(days)
        if row.get("action") not in DunningStep.Action.values:
            raise DomainError(_("Unknown action."), field="action")
    if not any(row.get("is_active", True) for row in rows):
        raise DomainError(_("Keep at least one active step."), field="is_active")


@transaction.atomic
def ladder_update(*, workspace, rows: list[dict], actor) -> list[DunningStep]:
    """Replace the ladder with ``rows`` (days_late, action, is_active; id to keep a step).

    Steps that already ran keep their history: actions store the step as it was.
    """
    ladder_check(rows)
    current = {step.pk: step for step in ladder_for_workspace(workspace=workspace)}
    before = [
        {"days_late": s.days_late, "action": s.action, "is_active": s.is_active}
        for s in current.values()
    ]
    kept_ids = {row["id"] for row in rows if row.get("id") in current}
    # Free the days first so that moving two steps past each other does not collide.
    DunningStep.objects.filter(workspace=workspace).exclude(pk__in=kept_ids).delete()
    for offset, step_id in enumerate(kept_ids):
        DunningStep.objects.filter(pk=step_id).update(days_late=1000 + offset)
    for row in rows:
        values = {
            "days_late": row["days_late"],
            "action": row["action"],
            "is_active": row.get("is_active", True),
        }
        if row.get("id") in current:
            DunningStep.objects.filter(pk=row["id"]).update(**values)
        else:
            DunningStep.objects.create(workspace=workspace, **values)
    steps = list(DunningStep.objects.filter(workspace=workspace).order_by("days_late"))
    event_record(
        workspace=workspace,
        actor=actor,
        verb="dunning.ladder_updated",
        before={"steps": before},
        after={
            "steps": [
                {"days_late": s.days_late, "action": s.action, "is_active": s.is_active}
                for s in steps
            ]
        },
    )
    return steps


def working_on_or_after(calendar: WorkCalendar, day: datetime.date) -> datetime.date:
    for _step in range(400):
        if calendar.is_working_day(day):
            return day
        day += datetime.timedelta(days=1)
    return day


def late_from(calendar: WorkCalendar, due_date: datetime.date) -> datetime.date:
    """The first day an invoice counts as late: after its due date moved to a working day."""
    return working_on_or_after(calendar, due_date) + datetime.timedelta(days=1)


def plan_pauses(plans) -> list[tuple[datetime.date, datetime.date | None]]:
    """Periods the ladder waited for a payment plan: (agreed on, ended on or None while kept)."""
    pauses = []
    for plan in plans:
        if plan.status == PaymentPlan.Status.ACTIVE:
            pauses.append((plan.agreed_on, None))
        elif plan.ended_on is not None:
            pauses.append((plan.agreed_on, plan.ended_on))
    return sorted(pauses)


def step_date(
    *,
    calendar: WorkCalendar,
    due_date: datetime.date,
    days_late: int,
    pauses: list[tuple[datetime.date, datetime.date | None]],
) -> datetime.date | None:
    """The working day a step is due, or None while a kept payment plan pauses the ladder."""
    moved_due = working_on_or_after(calendar, due_date)
    day = moved_due + datetime.timedelta(days=max(days_late, 1))
    for start, end in pauses:
        if start <= day:
            if end is None:
                return None
            day += datetime.timedelta(days=max((end - start).days, 0))
    return working_on_or_after(calendar, day)


@dataclass(frozen=True)
class NextStep:
    step: DunningStep | None
    date: datetime.date | None
    paused: bool = False


def _candidates(steps: list[DunningStep], actions: list[DunningAction]) -> list[DunningStep]:
    """Steps still ahead: active, not taken, and later than the last step taken."""
    taken = {action.step_id for action in actions}
    last = max((action.days_late for action in actions), default=-1)
    return [
        step for step in steps if step.is_active and step.pk not in taken and step.days_late > last
    ]


def invoice_next_step(
    *, invoice: Invoice, calendar: WorkCalendar | None = None, steps=None, today=None
) -> NextStep:
    """The next ladder step of an open invoice and its date ("next step and date")."""
    if not invoice.is_open or invoice.handed_over_at is not None:
        return NextStep(None, None)
    calendar = calendar or WorkCalendar.for_workspace(invoice.workspace)
    steps = steps if steps is not None else ladder_for_workspace(workspace=invoice.workspace)
    candidates = _candidates(steps, list(invoice.dunning_actions.all()))
    if not candidates:
        return NextStep(None, None)
    pauses = plan_pauses(invoice.payment_plans.all())
    step = candidates[0]
    day = step_date(
        calendar=calendar, due_date=invoice.due_date, days_late=step.days_late, pauses=pauses
    )
    if day is None:
        return NextStep(step, None, paused=True)
    if today is not None:
        # After downtime the latest due step is the one that will run, on the next run.
        due_now = [
            candidate
            for candidate in candidates
            if (
                when := step_date(
                    calendar=calendar,
                    due_date=invoice.due_date,
                    days_late=candidate.days_late,
                    pauses=pauses,
                )
            )
            and when <= today
        ]
        if due_now:
            return NextStep(due_now[-1], max(today, day))
    return NextStep(step, day)


@dataclass
class RunSummary:
    invoices: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return (
            f"invoices checked: {self.invoices}, steps done: {self.done}, "
            f"passed over: {self.skipped}, failed: {self.failed}"
        )


def _case_join(invoice: Invoice):
    """A late invoice opens (or joins) the payment_issue case of its project."""
    from accord.situations.services import case_open

    if invoice.case_id is not None and invoice.case.is_open:
        return invoice.case
    case, _created = case_open(
        project=invoice.project, situation="payment_issue", actor=None, automatic=True
    )
    invoice.case = case
    invoice.save(update_fields=["case", "updated_at"])
    event_record(
        workspace=invoice.workspace,
        actor=None,
        verb="invoice.case_joined",
        target=invoice,
        after={"case": case.pk},
    )
    return case


def invoice_overdue_announce(*, invoice: Invoice) -> bool:
    """``invoice.overdue`` for the workspace's webhooks, once per invoice and due date.

    Called with the invoice locked, inside the dunning step's transaction: the delivery rows are
    written with it and sent after the commit, so the scheduler never waits for a receiver.
    """
    from accord.webhooks.models import Event
    from accord.webhooks.services import webhook_emit_once

    return webhook_emit_once(
        invoice.workspace,
        Event.INVOICE_OVERDUE,
        f"invoice:{invoice.pk}:{invoice.due_date.isoformat()}",
        {
            "invoice": {
                "id": invoice.pk,
                "number": invoice.number,
                "amount": invoice.amount,
                "amount_paid": invoice.amount_paid,
                "outstanding": invoice.outstanding,
                "currency": invoice.currency,
                "issue_date": invoice.issue_date,
                "due_date": invoice.due_date,
                "status": invoice.status,
            },
            "project": {"id": invoice.project_id, "name": invoice.project.name},
            "client_id": invoice.client_id,
        },
    )


def invoice_dunning_advance(
    *, invoice_id: int, today: datetime.date, steps: list[DunningStep] | None = None
) -> list[DunningAction]:
    """Carry out the ladder step due today for one invoice, at most one; safe to call any time."""
    from .plans import plan_refresh
    from .steps import step_perform

    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("workspace", "project__client", "client", "billing_contact", "case")
            .filter(pk=invoice_id)
            .first()
        )
        if invoice is None or not invoice.is_open or invoice.handed_over_at is not None:
            return []
        calendar = WorkCalendar.for_workspace(invoice.workspace)
        if today < late_from(calendar, invoice.due_date):
            return []
        plan_refresh(invoice=invoice, today=today, calendar=calendar)
        _case_join(invoice)
        invoice_overdue_announce(invoice=invoice)
        if not calendar.is_working_day(today):
            return []
        steps = steps if steps is not None else ladder_for_workspace(workspace=invoice.workspace)
        actions = list(DunningAction.objects.filter(invoice=invoice))
        pauses = plan_pauses(PaymentPlan.objects.filter(invoice=invoice))
        due = []
        for step in _candidates(steps, actions):
            day = step_date(
                calendar=calendar,
                due_date=invoice.due_date,
                days_late=step.days_late,
                pauses=pauses,
            )
            if day is not None and day <= today:
                due.append((step, day))
        if not due:
            return []
        written = []
        try:
            with transaction.atomic():
                for step, day in due[:-1]:
                    written.append(
                        DunningAction.objects.create(
                            workspace=invoice.workspace,
                            invoice=invoice,
                            step=step,
                            action=step.action,
                            days_late=step.days_late,
                            status=DunningAction.Status.SKIPPED,
                            scheduled_for=day,
                            done_on=today,
                        )
                    )
                step, day = due[-1]
                written.append(
                    step_perform(invoice=invoice, step=step, scheduled_for=day, today=today)
                )
        except IntegrityError:
            # Another worker wrote this step between our read and our write: it is done once.
            return []
        return written


def invoices_to_dun(*, workspace=None, today: datetime.date | None = None):
    """Open invoices whose due date has passed (by calendar; working days are checked per invoice)."""
    queryset = Invoice.objects.filter(
        status__in=[Invoice.Status.ISSUED, Invoice.Status.PARTIALLY_PAID],
        handed_over_at__isnull=True,
    )
    if today is not None:
        queryset = queryset.filter(due_date__lt=today)
    if workspace is not None:
        queryset = queryset.filter(workspace=workspace)
    return queryset.order_by("workspace_id", "due_date", "id")


def dunning_run(*, workspace=None, today: datetime.date | None = None) -> RunSummary:
    """One pass of the scheduler over every late invoice; run it as often as you like."""
    summary = RunSummary()
    ids = list(
        invoices_to_dun(workspace=workspace).values_list(
            "id", "workspace_id", "workspace__time_zone"
        )
    )
    ladders: dict[int, list[DunningStep]] = {}
    for invoice_id, workspace_id, time_zone in ids:
        day = today or _workspace_today(time_zone)
        if workspace_id not in ladders:
            from accord.workspaces.models import Workspace

            ladders[workspace_id] = ladder_for_workspace(
                workspace=Workspace.objects.get(pk=workspace_id)
            )
        summary.invoices += 1
        try:
            actions = invoice_dunning_advance(
                invoice_id=invoice_id, today=day, steps=ladders[workspace_id]
            )
        except Exception:  # noqa: BLE001 - the step rolled back whole; the next run retries it
            logger.exception("Dunning step for invoice %s failed", invoice_id)
            summary.failed += 1
            continue
        for action in actions:
            if action.status == DunningAction.Status.DONE:
                summary.done += 1
            else:
                summary.skipped += 1
    return summary


def _workspace_today(time_zone: str) -> datetime.date:
    import zoneinfo

    try:
        zone = zoneinfo.ZoneInfo(time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.now().astimezone(zone).date()
