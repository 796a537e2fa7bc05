"""Invoice and payment use cases: every way in (page, API, import, CLI) calls these."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.errors import DomainError
from accord.core.events import acting_user, event_record, snapshot

from .models import Invoice, Payment
from .money import amount_fits_currency, currency_digits, currency_is_valid

ZERO = Decimal("0")


def _decimal(value: Any, *, field: str) -> Decimal:
    if isinstance(value, float):
        # Floats carry binary noise (0.1 + 0.2); money enters as text or Decimal only.
        value = repr(value)
    try:
        amount = Decimal(str(value).strip().replace(" ", "").replace("\u00a0", ""))
    except (InvalidOperation, AttributeError):
        raise DomainError(
            _("“%(value)s” is not an amount.") % {"value": value}, field=field
        ) from None
    if not amount.is_finite():
        raise DomainError(_("“%(value)s” is not an amount.") % {"value": value}, field=field)
    return amount


def invoice_due_date(*, project, issue_date: datetime.date) -> datetime.date:
    """The due date the contract's payment terms give an invoice issued on ``issue_date``."""
    contract = getattr(project, "contract", None)
    terms = contract.payment_terms_days if contract is not None else 14
    return issue_date + datetime.timedelta(days=terms)


def billing_contact_for(*, client, preferred=None):
    """Who receives reminders: the chosen contact, else the accountant, decision-maker, anyone."""
    if preferred is not None:
        return preferred
    contacts = [contact for contact in client.contacts.all() if contact.is_active]
    for role in ("accountant", "decision_maker", "manager"):
        for contact in contacts:
            if contact.role == role:
                return contact
    return contacts[0] if contacts else None


def account_owner_default(*, workspace):
    from accord.workspaces.models import Member

    return (
        Member.objects.filter(workspace=workspace, role__in=["owner", "manager"])
        .order_by("role", "id")
        .first()
    )


def invoice_check(
    *,
    project,
    number: str,
    amount: Decimal,
    currency: str,
    issue_date,
    due_date,
    billing_contact=None,
    account_owner=None,
) -> None:
    if not (number or "").strip():
        raise DomainError(_("The invoice needs a number."), field="number")
    if len(number.strip()) > 60:
        raise DomainError(
            _("The invoice number is too long (60 characters at most)."), field="number"
        )
    if Invoice.objects.filter(workspace=project.workspace, number=number.strip()).exists():
        raise DomainError(
            _("Invoice %(number)s already exists in this workspace.") % {"number": number.strip()},
            field="number",
            code="duplicate",
        )
    if not currency_is_valid(currency):
        raise DomainError(
            _("“%(code)s” is not an ISO 4217 currency code.") % {"code": currency}, field="currency"
        )
    if amount <= ZERO:
        raise DomainError(_("The amount must be more than zero."), field="amount")
    if amount >= Decimal("1e13"):
        raise DomainError(_("The amount is too large."), field="amount")
    if not amount_fits_currency(amount, currency):
        raise DomainError(
            _("%(code)s amounts have %(digits)s decimal places at most.")
            % {"code": currency.upper(), "digits": currency_digits(currency)},
            field="amount",
        )
    if issue_date is None:
        raise DomainError(_("When was the invoice issued?"), field="issue_date")
    if due_date is not None and due_date < issue_date:
        raise DomainError(_("The due date is before the issue date."), field="due_date")
    if billing_contact is not None and billing_contact.client_id != project.client_id:
        raise DomainError(
            _("The billing contact must be a person of the project's client."),
            field="billing_contact",
        )
    if account_owner is not None and account_owner.workspace_id != project.workspace_id:
        raise DomainError(
            _("The account owner is not a member of this workspace."), field="account_owner"
        )


@transaction.atomic
def invoice_create(
    *,
    project,
    number: str,
    amount: Decimal | str,
    currency: str | None = None,
    issue_date: datetime.date,
    actor,
    due_date: datetime.date | None = None,
    billing_contact=None,
    account_owner=None,
    description: str = "",
    document=None,
) -> Invoice:
    """Record an invoice sent to the project's client; the due date follows the contract terms."""
    amount = _decimal(amount, field="amount")
    currency = (currency or project.currency or "").strip().upper()
    invoice_check(
        project=project,
        number=number,
        amount=amount,
        currency=currency,
        issue_date=issue_date,
        due_date=due_date,
        billing_contact=billing_contact,
        account_owner=account_owner,
    )
    invoice = Invoice(
        workspace=project.workspace,
        project=project,
        client=project.client,
        number=number.strip(),
        amount=amount,
        currency=currency,
        issue_date=issue_date,
        due_date=due_date or invoice_due_date(project=project, issue_date=issue_date),
        billing_contact=billing_contact_for(client=project.client, preferred=billing_contact),
        account_owner=account_owner or account_owner_default(workspace=project.workspace),
        description=description.strip()[:300],
    )
    if document is not None:
        invoice.document.save(document.name.rsplit("/", 1)[-1][:100], document, save=False)
    invoice.save()
    event_record(
        workspace=project.workspace,
        actor=actor,
        verb="invoice.issued",
        target=invoice,
        after=snapshot(invoice),
    )
    return invoice


def _status_for(invoice: Invoice) -> str:
    if invoice.status == Invoice.Status.CANCELLED:
        return invoice.status
    if invoice.amount_paid >= invoice.amount:
        return Invoice.Status.PAID
    if invoice.amount_paid > ZERO:
        return Invoice.Status.PARTIALLY_PAID
    return Invoice.Status.ISSUED


def payment_check(*, invoice: Invoice, amount: Decimal, paid_on, reference: str, method: str):
    if invoice.status == Invoice.Status.CANCELLED:
        raise DomainError(_("The invoice is cancelled; it takes no payments."), field="amount")
    if amount <= ZERO:
        raise DomainError(_("A payment must be more than zero."), field="amount")
    if not amount_fits_currency(amount, invoice.currency):
        raise DomainError(
            _("%(code)s amounts have %(digits)s decimal places at most.")
            % {"code": invoice.currency, "digits": currency_digits(invoice.currency)},
            field="amount",
        )
    if paid_on is None:
        raise DomainError(_("When was it paid?"), field="paid_on")
    if paid_on > timezone.localdate() + datetime.timedelta(days=1):
        raise DomainError(_("A payment cannot be dated in the future."), field="paid_on")
    if method not in Payment.Method.values:
        raise DomainError(_("Unknown payment method."), field="method")
    if len(reference or "") > 120:
        raise DomainError(
            _("The reference is too long (120 characters at most)."), field="reference"
        )
    if reference and Payment.objects.filter(invoice=invoice, reference=reference).exists():
        raise DomainError(
            _("A payment with reference %(reference)s is already recorded on this invoice.")
            % {"reference": reference},
            field="reference",
            code="duplicate",
        )


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    amount: Decimal | str,
    paid_on: datetime.date,
    actor,
    reference: str = "",
    method: str = Payment.Method.BANK_TRANSFER,
    note: str = "",
    currency: str | None = None,
) -> Payment:
    """Record money received. Partial payments add up; more than owed is kept as an over-payment."""
    amount = _decimal(amount, field="amount")
    reference = (reference or "").strip()
    current = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if currency and currency.strip().upper() != current.currency:
        raise DomainError(
            _("The invoice is in %(invoice)s, the payment in %(payment)s; convert it first.")
            % {"invoice": current.currency, "payment": currency.strip().upper()},
            field="currency",
        )
    payment_check(
        invoice=current, amount=amount, paid_on=paid_on, reference=reference, method=method
    )
    before = snapshot(current, ["amount_paid", "status"])
    payment = Payment.objects.create(
        workspace=current.workspace,
        invoice=current,
        amount=amount,
        paid_on=paid_on,
        reference=reference,
        method=method,
        note=(note or "").strip()[:300],
        recorded_by=acting_user(actor),
    )
    current.amount_paid = current.amount_paid + amount
    current.status = _status_for(current)
    current.save(update_fields=["amount_paid", "status", "updated_at"])
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb="payment.recorded",
        target=current,
        before=before,
        after={**snapshot(current, ["amount_paid", "status"]), "payment": payment.pk},
    )
    if current.overpaid > ZERO:
        event_record(
            workspace=current.workspace,
            actor=actor,
            verb="invoice.overpaid",
            target=current,
            after={"overpaid": current.overpaid, "payment": payment.pk},
        )
    from .plans import plan_after_payment

    plan_after_payment(invoice=current, actor=actor)
    invoice.amount_paid, invoice.status = current.amount_paid, current.status
    return payment


@transaction.atomic
def invoice_cancel(*, invoice: Invoice, actor, reason: str = "") -> Invoice:
    current = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if current.status == Invoice.Status.CANCELLED:
        return current
    if current.amount_paid > ZERO:
        raise DomainError(
            _("The invoice has payments; record a credit note instead of cancelling it.")
        )
    before = snapshot(current, ["status"])
    current.status = Invoice.Status.CANCELLED
    current.save(update_fields=["status", "updated_at"])
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb="invoice.cancelled",
        target=current,
        before=before,
        after={"status": current.status, "reason": reason},
    )
    return current
