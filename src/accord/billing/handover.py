"""The hand-over file for a lawyer or a collection agency: one ZIP with everything needed.

``summary.pdf`` (WeasyPrint): the parties, the contract terms and its payment clause, the unpaid
invoices under the contract, the payments, the dunning history with dates and the client's own
promises to pay from the agreement log. Next to it: the contract document, each invoice (its
document, or a one-page PDF made from the record when none was uploaded) and the related
correspondence as ``.eml`` files: the original bytes for received mail, the outbox's message
(the headers and text as sent) for mail Accord sent.
"""

from __future__ import annotations

import datetime
import email.policy
import io
import re
import zipfile
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accord.agreements.models import Agreement, Commitment

from .models import DunningAction, Invoice, Payment, PaymentPlan, PaymentPromise
from .money import format_day, format_money
from .texts import language_for, payment_clause


@dataclass
class HandoverEntry:
    path: str
    content: bytes


def _safe_name(text: str, fallback: str = "file") -> str:
    name = re.sub(r"[^\w.\-]+", "_", text, flags=re.UNICODE).strip("._")
    return name[:80] or fallback


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def interaction_eml(interaction) -> bytes:
    """The message as it travelled: the original bytes of received mail, the outbox's message
    for mail Accord sent, else a message rebuilt from what was stored (a hand-typed record)."""
    from django.core.exceptions import ObjectDoesNotExist

    if interaction.raw:
        return bytes(interaction.raw)
    try:
        outgoing = interaction.outgoing
    except ObjectDoesNotExist:
        outgoing = None
    if outgoing is not None:
        from accord.communications.outbox import _build

        return _build(outgoing).message().as_bytes()
    message = EmailMessage(policy=email.policy.SMTP)
    sender = interaction.sender_address or (
        interaction.sender_contact.primary_email if interaction.sender_contact_id else ""
    )
    message["From"] = sender or "unknown@invalid"
    if interaction.recipients:
        message["To"] = ", ".join(interaction.recipients)
    message["Subject"] = interaction.subject or ""
    message["Date"] = format_datetime(interaction.occurred_at)
    if interaction.message_id:
        message["Message-ID"] = interaction.message_id
    if interaction.in_reply_to:
        message["In-Reply-To"] = interaction.in_reply_to
    message["X-Accord-Note"] = "rebuilt from the stored record"
    message.set_content(interaction.body_text or "")
    return message.as_bytes()


def handover_correspondence(*, invoices: list[Invoice]):
    """E-mails about these invoices: dunning letters, messages naming them, the payment case."""
    from accord.communications.models import Interaction

    ids = [invoice.pk for invoice in invoices]
    case_ids = [invoice.case_id for invoice in invoices if invoice.case_id]
    numbers = Q()
    for invoice in invoices:
        numbers |= Q(subject__icontains=invoice.number) | Q(body_text__icontains=invoice.number)
    project_ids = {invoice.project_id for invoice in invoices}
    return (
        Interaction.objects.filter(channel=Interaction.Channel.EMAIL)
        .filter(
            Q(dunning_actions__invoice_id__in=ids)
            | Q(invoice_mentions__invoice_id__in=ids)
            | Q(payment_promises__invoice_id__in=ids)
            | Q(cases__id__in=case_ids)
            | (Q(project_id__in=project_ids) & numbers)
        )
        .select_related("sender_contact", "outgoing")
        .distinct()
        .order_by("occurred_at", "id")
    )


def handover_context(*, invoice: Invoice, language: str) -> dict:
    project = invoice.project
    contract = getattr(project, "contract", None)
    today = timezone.localdate()
    invoices = list(
        Invoice.objects.filter(project=project)
        .filter(
            Q(status__in=[Invoice.Status.ISSUED, Invoice.Status.PARTIALLY_PAID]) | Q(pk=invoice.pk)
        )
        .order_by("due_date", "id")
    )
    payments = list(
        Payment.objects.filter(invoice__in=invoices)
        .select_related("invoice")
        .order_by("paid_on", "id")
    )
    actions = list(
        DunningAction.objects.filter(invoice__in=invoices)
        .select_related("invoice", "interaction")
        .order_by("done_on", "days_late", "id")
    )
    plans = list(
        PaymentPlan.objects.filter(invoice__in=invoices)
        .prefetch_related("instalments")
        .select_related("agreement", "accepted_by")
    )
    promise_agreement_ids = set(
        PaymentPromise.objects.filter(invoice__in=invoices, agreement__isnull=False).values_list(
            "agreement_id", flat=True
        )
    ) | {plan.agreement_id for plan in plans if plan.agreement_id}
    promises = list(
        Agreement.objects.filter(pk__in=promise_agreement_ids)
        .select_related("accepted_by")
        .order_by("decided_on", "id")
    )
    client_commitments = list(
        Commitment.objects.filter(
            project=project,
            side=Commitment.Side.CLIENT,
            origin_type__model="agreement",
            origin_id__in=promise_agreement_ids,
        ).order_by("due_date", "id")
    )
    contacts = [c for c in invoice.client.contacts.all() if c.is_active]
    decision_maker = next((c for c in contacts if c.role == "decision_maker"), None)
    money = lambda amount, currency=invoice.currency: format_money(amount, currency, language)  # noqa: E731
    day = lambda value: format_day(value, language) if value else ""  # noqa: E731
    return {
        "language": language,
        "today": day(today),
        "workspace": invoice.workspace,
        "client": invoice.client,
        "billing_contact": invoice.billing_contact,
        "decision_maker": decision_maker,
        "project": project,
        "contract": contract,
        "contract_signed": day(contract.signed_date) if contract else "",
        "clause": payment_clause(contract, language),
        "clause_is_quoted": bool(contract and contract.payment_clause.strip()),
        "invoice": invoice,
        "invoices": [
            {
                "number": item.number,
                "issued": day(item.issue_date),
                "due": day(item.due_date),
                "amount": money(item.amount, item.currency),
                "paid": money(item.amount_paid, item.currency),
                "outstanding": money(item.outstanding, item.currency),
                "days_late": max((today - item.due_date).days, 0),
                "status": item.get_status_display(),
            }
            for item in invoices
        ],
        "totals": _totals(invoices, language),
        "payments": [
            {
                "date": day(item.paid_on),
                "invoice": item.invoice.number,
                "amount": money(item.amount, item.invoice.currency),
                "reference": item.reference,
                "method": item.get_method_display(),
            }
            for item in payments
        ],
        "actions": [
            {
                "date": day(item.done_on),
                "invoice": item.invoice.number,
                "step": item.get_action_display(),
                "days_late": item.days_late,
                "status": item.get_status_display(),
                "subject": item.subject,
                "by_email": item.interaction_id is not None,
            }
            for item in actions
        ],
        "plans": [
            {
                "agreed_on": day(plan.agreed_on),
                "status": plan.get_status_display(),
                "by": plan.accepted_by.name if plan.accepted_by else "",
                "ended_on": day(plan.ended_on),
                "instalments": [(day(i.due_date), money(i.amount)) for i in plan.instalments.all()],
            }
            for plan in plans
        ],
        "promises": [
            {
                "date": day(item.decided_on),
                "title": item.title,
                "details": item.details,
                "by": item.accepted_by.name if item.accepted_by else "",
                "source": item.get_source_display(),
                "reference": item.source_reference,
            }
            for item in promises
        ],
        "client_commitments": [
            {
                "title": c.title,
                "due": day(c.due_date),
                "kept": c.status == Commitment.Status.DONE,
                "status": c.get_status_display(),
            }
            for c in client_commitments
        ],
    }


def _totals(invoices: list[Invoice], language: str) -> list[str]:
    sums: dict[str, object] = {}
    for item in invoices:
        sums[item.currency] = sums.get(item.currency, 0) + item.outstanding
    return [format_money(amount, currency, language) for currency, amount in sorted(sums.items())]


def handover_entries(*, invoice: Invoice, language: str | None = None) -> list[HandoverEntry]:
    language = language_for(None, None) if not language else language[:2]
    if language not in ("en", "ru", "pl"):
        language = "en"
    with translation.override(language):
        return _handover_entries(invoice=invoice, language=language)


def _handover_entries(*, invoice: Invoice, language: str) -> list[HandoverEntry]:
    context = handover_context(invoice=invoice, language=language)
    entries: list[HandoverEntry] = []
    contract = context["contract"]
    if contract is not None and contract.document:
        with contract.document.open("rb") as handle:
            entries.append(
                HandoverEntry(
                    f"contract/{_safe_name(contract.document.name.rsplit('/', 1)[-1], 'contract')}",
                    handle.read(),
                )
            )
    invoices = list(
        Invoice.objects.filter(
            number__in=[item["number"] for item in context["invoices"]], project=invoice.project
        )
    )
    with translation.override(language):
        for item in invoices:
            if item.document:
                extension = (
                    item.document.name.rsplit(".", 1)[-1][:8]
                    if "." in item.document.name
                    else "bin"
                )
                with item.document.open("rb") as handle:
                    entries.append(
                        HandoverEntry(
                            f"invoices/{_safe_name(item.number)}.{extension}", handle.read()
                        )
                    )
            else:
                html = render_to_string(
                    "billing/handover_invoice.html",
                    {
                        **context,
                        "item": item,
                        "item_amount": format_money(item.amount, item.currency, language),
                        "item_issued": format_day(item.issue_date, language),
                        "item_due": format_day(item.due_date, language),
                    },
                )
                entries.append(HandoverEntry(f"invoices/{_safe_name(item.number)}.pdf", _pdf(html)))
        for index, interaction in enumerate(handover_correspondence(invoices=invoices), start=1):
            stamp = timezone.localtime(interaction.occurred_at).strftime("%Y-%m-%d")
            name = f"correspondence/{index:03d}_{stamp}_{_safe_name(interaction.subject or 'message')[:60]}.eml"
            entries.append(HandoverEntry(name, interaction_eml(interaction)))
        context["files"] = [entry.path for entry in entries]
        summary = _pdf(render_to_string("billing/handover_summary.html", context))
    return [HandoverEntry("summary.pdf", summary), *entries]


def handover_file(*, invoice: Invoice, language: str | None = None) -> bytes:
    """The ZIP as bytes; built fresh each time so it holds today's state."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        now = datetime.datetime.now().timetuple()[:6]
        for entry in handover_entries(invoice=invoice, language=language):
            info = zipfile.ZipInfo(entry.path, date_time=now)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entry.content)
    return buffer.getvalue()
