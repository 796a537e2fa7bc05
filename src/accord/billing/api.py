from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Router, Schema
from pydantic import Field

from accord.api.lookups import in_workspace
from accord.api.schemas import Id
from accord.clients.models import Contact
from accord.core.api_helpers import current_member
from accord.core.history_api import HistoryOut, history_out
from accord.projects.selectors import project_get_for_member

from . import selectors, services
from .models import Invoice, Payment

# Mounted at /api/v1/billing: accord.api.main discovers routers (``<app>.api.router`` with
# ``API_PREFIX``), no central list.
API_PREFIX = "/billing"
router = Router(tags=["billing"])


class PaymentOut(Schema):
    id: int
    invoice_id: int
    amount: Decimal
    paid_on: datetime.date
    reference: str
    method: str


class InvoiceOut(Schema):
    id: int
    number: str
    project_id: int
    client_id: int
    amount: Decimal
    currency: str
    amount_paid: Decimal
    outstanding: Decimal
    overpaid: Decimal
    issue_date: datetime.date
    due_date: datetime.date
    status: str
    billing_contact_id: int | None
    case_id: int | None


class InvoiceIn(Schema):
    project_id: Id
    number: str = Field(min_length=1, max_length=60)
    # Strings or numbers in JSON; floats are read through their shortest text, never binary.
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=3)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    issue_date: datetime.date
    due_date: datetime.date | None = None
    billing_contact_id: Id | None = None
    description: str = Field(default="", max_length=300)


class PaymentIn(Schema):
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=3)
    paid_on: datetime.date
    reference: str = Field(default="", max_length=120)
    method: str = Payment.Method.BANK_TRANSFER
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    note: str = Field(default="", max_length=300)


# Rule errors (DomainError) are answered by the API's handler: 422 naming the field, 409 for a
# duplicate number or payment reference (accord.api.errors).


def _invoice(request, invoice_id: Id) -> Invoice:
    return selectors.invoice_get_for_member(member=current_member(request), invoice_id=invoice_id)


@router.get("/invoices", response=list[InvoiceOut])
def list_invoices(
    request, project_id: Id | None = None, status: str | None = None, overdue: bool = False
):
    member = current_member(request)
    project = project_get_for_member(member=member, project_id=project_id) if project_id else None
    if overdue:
        invoices = selectors.invoices_overdue(workspace=member.workspace, project=project)
    else:
        invoices = selectors.invoice_list(workspace=member.workspace, project=project)
    if status:
        invoices = invoices.filter(status=status)
    return list(invoices[:1000])


@router.get("/invoices/{invoice_id}", response=InvoiceOut)
def get_invoice(request, invoice_id: Id):
    return _invoice(request, invoice_id)


@router.post("/invoices", response={201: InvoiceOut})
def create_invoice(request, payload: InvoiceIn):
    member = current_member(request)
    project = project_get_for_member(member=member, project_id=payload.project_id)
    contact = in_workspace(Contact, payload.billing_contact_id, member, field="billing_contact_id")
    invoice = services.invoice_create(
        project=project,
        number=payload.number,
        amount=payload.amount,
        currency=payload.currency,
        issue_date=payload.issue_date,
        due_date=payload.due_date,
        billing_contact=contact,
        description=payload.description,
        actor=request.user,
    )
    return 201, invoice


@router.get("/invoices/{invoice_id}/history", response=list[HistoryOut])
def invoice_history(request, invoice_id: Id):
    """Who did what to this invoice (payments, dunning steps, plans, cancelling), oldest first."""
    return history_out(_invoice(request, invoice_id))


@router.get("/invoices/{invoice_id}/payments", response=list[PaymentOut])
def list_payments(request, invoice_id: Id):
    return list(_invoice(request, invoice_id).payments.all())


@router.post("/invoices/{invoice_id}/payments", response={201: PaymentOut})
def record_payment(request, invoice_id: Id, payload: PaymentIn):
    invoice = _invoice(request, invoice_id)
    payment = services.payment_record(
        invoice=invoice,
        amount=payload.amount,
        paid_on=payload.paid_on,
        reference=payload.reference,
        method=payload.method,
        currency=payload.currency,
        note=payload.note,
        actor=request.user,
    )
    return 201, payment
