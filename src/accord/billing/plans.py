"""Payment plans: instalments agreed with the client, recorded in the agreement log.

While a plan is kept the dunning ladder waits. When an instalment is missed (not covered by the
first working day after its date) the plan is broken and the ladder resumes where it stood: the
days it waited are added to the dates of the steps still ahead.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.agreements.models import Agreement, Commitment
from accord.agreements.services import agreement_record, commitment_create, commitment_update
from accord.core.errors import DomainError
from accord.core.events import event_record, snapshot
from accord.workspaces.calendar import WorkCalendar

from .models import Instalment, Invoice, Payment, PaymentPlan
from .money import format_money
from .services import _decimal, billing_contact_for


def plan_check(
    *, invoice: Invoice, instalments: list[tuple[datetime.date, Decimal]], agreed_on, accepted_by
):
    if not invoice.is_open:
        raise DomainError(_("Only an unpaid invoice can get a payment plan."))
    if invoice.payment_plans.filter(status=PaymentPlan.Status.ACTIVE).exists():
        raise DomainError(_("This invoice already has a payment plan being kept."))
    if agreed_on is None:
        raise DomainError(_("When was the plan agreed?"), field="agreed_on")
    if agreed_on > timezone.localdate() + datetime.timedelta(days=1):
        raise DomainError(_("A plan cannot be agreed in the future."), field="agreed_on")
    if not instalments:
        raise DomainError(_("Add at least one instalment."), field="instalments")
    dates = [day for day, _amount in instalments]
    if len(set(dates)) != len(dates):
        raise DomainError(_("Two instalments on the same day: merge them."), field="instalments")
    if any(day < agreed_on for day in dates):
        raise DomainError(
            _("An instalment is dated before the plan was agreed."), field="instalments"
        )
    if any(amount <= 0 for _day, amount in instalments):
        raise DomainError(_("Every instalment must be more than zero."), field="instalments")
    total = sum((amount for _day, amount in instalments), Decimal("0"))
    if total != invoice.outstanding:
        raise DomainError(
            _("The instalments add up to %(total)s, but %(outstanding)s is outstanding.")
            % {
                "total": format_money(total, invoice.currency, None),
                "outstanding": format_money(invoice.outstanding, invoice.currency, None),
            },
            field="instalments",
        )
    if accepted_by is not None and accepted_by.client_id != invoice.client_id:
        raise DomainError(_("The person must belong to the invoice's client."), field="accepted_by")


@transaction.atomic
def payment_plan_agree(
    *,
    invoice: Invoice,
    instalments: list[tuple[datetime.date, Decimal | str]],
    agreed_on: datetime.date,
    actor,
    accepted_by=None,
    source: str = Agreement.Source.EMAIL,
    note: str = "",
    source_record=None,
) -> PaymentPlan:
    """Record the plan as an agreement-log entry and one client commitment per instalment."""
    current = (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("project", "client")
        .get(pk=invoice.pk)
    )
    rows = sorted((day, _decimal(amount, field="instalments")) for day, amount in instalments)
    plan_check(invoice=current, instalments=rows, agreed_on=agreed_on, accepted_by=accepted_by)
    contact = accepted_by or billing_contact_for(
        client=current.client, preferred=current.billing_contact
    )
    lines = "\n".join(
        f"{day.isoformat()}: {format_money(amount, current.currency, None)}" for day, amount in rows
    )
    agreement = agreement_record(
        project=current.project,
        title=(
            _("Payment plan for invoice %(number)s: %(count)s instalments until %(last)s")
            % {"number": current.number, "count": len(rows), "last": rows[-1][0].isoformat()}
        )[:300],
        details=lines + (f"\n\n{note}" if note else ""),
        source=source,
        decided_on=agreed_on,
        actor=actor,
        accepted_by=contact,
        source_reference=_("Invoice %(number)s") % {"number": current.number},
        source_record=source_record,
    )
    plan = PaymentPlan.objects.create(
        workspace=current.workspace,
        invoice=current,
        agreed_on=agreed_on,
        accepted_by=contact,
        agreement=agreement,
        paid_before=current.amount_paid,
        note=note,
    )
    for index, (day, amount) in enumerate(rows, start=1):
        commitment = commitment_create(
            project=current.project,
            title=(
                _("Pay instalment %(index)s of invoice %(number)s: %(amount)s")
                % {
                    "index": index,
                    "number": current.number,
                    "amount": format_money(amount, current.currency, None),
                }
            )[:300],
            side=Commitment.Side.CLIENT,
            due_date=day,
            actor=actor,
            owner_contact=contact,
            origin=agreement,
        )
        Instalment.objects.create(plan=plan, due_date=day, amount=amount, commitment=commitment)
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb="payment_plan.agreed",
        target=current,
        after={**snapshot(plan), "instalments": [[d, a] for d, a in rows]},
    )
    return plan


def _paid_by(invoice: Invoice, day: datetime.date) -> Decimal:
    return Payment.objects.filter(invoice=invoice, paid_on__lte=day).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal("0")


def plan_missed_instalment(
    *, plan: PaymentPlan, today: datetime.date, calendar: WorkCalendar
) -> Instalment | None:
    """The first instalment not covered by the first working day after its date, if any."""
    from .dunning import late_from, working_on_or_after

    cumulative = Decimal("0")
    for instalment in plan.instalments.all():
        cumulative += instalment.amount
        if late_from(calendar, instalment.due_date) > today:
            return None
        deadline = working_on_or_after(calendar, instalment.due_date)
        if _paid_by(plan.invoice, deadline) - plan.paid_before < cumulative:
            return instalment
    return None


def plan_refresh(
    *, invoice: Invoice, today: datetime.date, calendar: WorkCalendar
) -> PaymentPlan | None:
    """Mark the active plan broken when an instalment was missed; called with the invoice locked."""
    from .dunning import late_from

    plan = PaymentPlan.objects.filter(invoice=invoice, status=PaymentPlan.Status.ACTIVE).first()
    if plan is None:
        return None
    missed = plan_missed_instalment(plan=plan, today=today, calendar=calendar)
    if missed is None:
        return plan
    plan.status = PaymentPlan.Status.BROKEN
    plan.ended_on = late_from(calendar, missed.due_date)
    plan.save(update_fields=["status", "ended_on", "updated_at"])
    event_record(
        workspace=invoice.workspace,
        actor=None,
        verb="payment_plan.broken",
        target=invoice,
        after={"plan": plan.pk, "missed": missed.due_date, "ended_on": plan.ended_on},
    )
    return plan


def plan_after_payment(*, invoice: Invoice, actor) -> None:
    """Tick the instalments a payment covers; a fully paid invoice completes its plan."""
    plan = PaymentPlan.objects.filter(invoice=invoice, status=PaymentPlan.Status.ACTIVE).first()
    if plan is None:
        return
    paid = invoice.amount_paid - plan.paid_before
    cumulative = Decimal("0")
    for instalment in plan.instalments.select_related("commitment"):
        cumulative += instalment.amount
        commitment = instalment.commitment
        if (
            paid >= cumulative
            and commitment is not None
            and commitment.status == Commitment.Status.OPEN
        ):
            commitment_update(commitment=commitment, actor=actor, status=Commitment.Status.DONE)
    if not invoice.is_open:
        plan.status = PaymentPlan.Status.COMPLETED
        plan.save(update_fields=["status", "updated_at"])
        event_record(
            workspace=invoice.workspace,
            actor=actor,
            verb="payment_plan.completed",
            target=invoice,
            after={"plan": plan.pk},
        )


@transaction.atomic
def payment_plan_cancel(
    *, plan: PaymentPlan, actor, today: datetime.date | None = None
) -> PaymentPlan:
    current = PaymentPlan.objects.select_for_update().get(pk=plan.pk)
    if current.status != PaymentPlan.Status.ACTIVE:
        raise DomainError(_("Only a plan being kept can be cancelled."))
    current.status = PaymentPlan.Status.CANCELLED
    current.ended_on = today or timezone.localdate()
    current.save(update_fields=["status", "ended_on", "updated_at"])
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb="payment_plan.cancelled",
        target=current.invoice,
        after={"plan": current.pk, "ended_on": current.ended_on},
    )
    return current
