"""Client messages about payment: link them to the invoices they name, and read promises to pay.

"We will pay on the 15th" / «оплатим 15-го» / "zapłacimy do 15." becomes a *proposed* client
commitment with that date; a member accepts it (then it is a commitment and an agreement-log
entry the hand-over file quotes) or dismisses it.
"""

from __future__ import annotations

import datetime
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.agreements.models import Agreement, Commitment
from accord.agreements.services import agreement_record, commitment_create
from accord.core.errors import DomainError
from accord.core.events import event_record

from .models import Invoice, InvoiceMention, PaymentPromise

MONTHS = {
    # English
    **{
        name: index
        for index, name in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            start=1,
        )
    },
    **{
        name: index
        for index, name in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            start=1,
        )
    },
    # Russian, genitive and nominative
    **{
        name: index
        for index, name in enumerate(
            [
                "января",
                "февраля",
                "марта",
                "апреля",
                "мая",
                "июня",
                "июля",
                "августа",
                "сентября",
                "октября",
                "ноября",
                "декабря",
            ],
            start=1,
        )
    },
    # Polish, genitive
    **{
        name: index
        for index, name in enumerate(
            [
                "stycznia",
                "lutego",
                "marca",
                "kwietnia",
                "maja",
                "czerwca",
                "lipca",
                "sierpnia",
                "września",
                "października",
                "listopada",
                "grudnia",
            ],
            start=1,
        )
    },
}
_MONTH = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)"
_DATE_TAIL = (
    rf"(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|{_DAY}(?:\s*(?:st|nd|rd|th|-?го|-?ого|-?go|-?ego|\.)?)?"
    rf"(?:\s*(?:[./](?P<month_num>[01]?\d)(?:[./](?P<year>\d{{2,4}}))?"
    rf"|\s+(?:of\s+)?(?P<month_name>{_MONTH})(?:\s+(?P<year2>\d{{4}}))?"
    rf"|\s+числа|\s+dnia)?)?"
    rf"|(?P<month_first>{_MONTH})\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)"
)
_VERBS = (
    r"(?:(?:we(?:'ll|’ll| will| shall| are going to| can)|i(?:'ll|’ll| will))\s+"
    r"(?:make\s+the\s+|transfer\s+the\s+|send\s+the\s+)?(?:pay|transfer|settle|send)\w*"
    r"|(?:the\s+)?(?:payment|transfer|money)\s+will\s+(?:be\s+(?:made|sent|paid|transferred)|go\s+out|arrive)"
    r"|will\s+be\s+paid)"
    r"|оплатим|заплатим|перечислим|переведём|переведем|погасим|рассчитаемся|оплата (?:будет|поступит|пройдёт|пройдет)"
    r"|(?:произвед[её]м|сделаем) оплату|оплатить (?:сможем|планируем|получится)"
    r"|zapłacimy|zaplacimy|opłacimy|oplacimy|przelejemy|wpłacimy|wplacimy|uregulujemy|"
    r"płatność (?:nastąpi|będzie|wyślemy)|przelew (?:wyślemy|pójdzie|będzie)|zrobimy przelew"
)
PROMISE = re.compile(
    rf"(?P<verb>{_VERBS})[^.!?\n]{{0,60}}?\b(?:on|by|before|until|до|к|не позднее|dnia|do|w dniu|na|the)?\s*(?:the\s+)?{_DATE_TAIL}",
    re.IGNORECASE,
)


def promised_date(text: str, *, sent_on: datetime.date) -> tuple[datetime.date, str] | None:
    """The date a client promises to pay by, and the words that say it; None when there is none."""
    for match in PROMISE.finditer(text or ""):
        groups = match.groupdict()
        try:
            if groups["iso"]:
                day = datetime.date.fromisoformat(groups["iso"])
            else:
                day_number = int(groups["day"] or groups["day2"])
                month_name = groups["month_name"] or groups["month_first"]
                if month_name:
                    month = MONTHS[month_name.lower()]
                elif groups["month_num"]:
                    month = int(groups["month_num"])
                else:
                    month = None
                year_text = groups["year"] or groups["year2"]
                if month is None:
                    # "on the 15th": this month if still ahead, else next month.
                    year, month = sent_on.year, sent_on.month
                    if day_number < sent_on.day:
                        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
                    day = datetime.date(year, month, day_number)
                else:
                    year = int(year_text) if year_text else sent_on.year
                    year = year + 2000 if year < 100 else year
                    day = datetime.date(year, month, day_number)
                    if not year_text and day < sent_on - datetime.timedelta(days=7):
                        day = datetime.date(year + 1, month, day_number)
        except (ValueError, KeyError, TypeError):
            continue
        if sent_on - datetime.timedelta(days=7) <= day <= sent_on + datetime.timedelta(days=366):
            return day, match.group(0).strip()[:300]
    return None


def invoices_named(*, workspace, client_id: int | None, text: str) -> list[Invoice]:
    """Invoices of the client (or the workspace) whose number appears in ``text`` as a token."""
    if not text:
        return []
    queryset = Invoice.objects.filter(workspace=workspace)
    if client_id is not None:
        queryset = queryset.filter(client_id=client_id)
    found = []
    for invoice in queryset.only("id", "number", "project_id", "case_id", "status").order_by(
        "-issue_date"
    )[:2000]:
        number = invoice.number
        if len(number) < 3:
            continue
        if re.search(rf"(?<![\w/-]){re.escape(number)}(?![\w/-]|[./-]\w)", text, re.IGNORECASE):
            found.append(invoice)
    return found


def interaction_payment_followup(*, interaction, labels: list[str] | None = None) -> dict:
    """Link an inbound message to the invoices it names; propose the payment date it promises."""
    from accord.communications.models import Interaction

    if interaction.direction != Interaction.Direction.INBOUND:
        return {"mentions": [], "promise": None}
    text = f"{interaction.subject}\n{interaction.body_text}"
    named = invoices_named(
        workspace=interaction.workspace, client_id=interaction.client_id, text=text
    )
    mentions = []
    for invoice in named:
        mention, created = InvoiceMention.objects.get_or_create(
            invoice=invoice, interaction=interaction, defaults={"workspace": interaction.workspace}
        )
        mentions.append(mention)
        if created and invoice.case_id is not None:
            invoice.case.interactions.add(interaction)
    promise = None
    # The promise patterns name paying itself, so they need no label to tell it is about payment.
    sent_on = timezone.localtime(interaction.occurred_at).date()
    found = promised_date(interaction.body_text, sent_on=sent_on)
    project_id = interaction.project_id or (named[0].project_id if named else None)
    if found is not None and project_id is not None:
        invoice = named[0] if named else _single_open_invoice(project_id)
        try:
            with transaction.atomic():
                promise, _created = PaymentPromise.objects.get_or_create(
                    interaction=interaction,
                    defaults={
                        "workspace": interaction.workspace,
                        "project_id": project_id,
                        "invoice": invoice,
                        "contact": interaction.sender_contact,
                        "promised_date": found[0],
                        "quote": found[1],
                    },
                )
        except IntegrityError:
            promise = PaymentPromise.objects.filter(interaction=interaction).first()
    return {"mentions": mentions, "promise": promise}


def _single_open_invoice(project_id: int) -> Invoice | None:
    open_invoices = list(
        Invoice.objects.filter(
            project_id=project_id, status__in=[Invoice.Status.ISSUED, Invoice.Status.PARTIALLY_PAID]
        ).order_by("due_date")[:2]
    )
    return open_invoices[0] if len(open_invoices) == 1 else None


SOURCE_BY_CHANNEL = {
    "email": Agreement.Source.EMAIL,
    "call": Agreement.Source.CALL,
    "meeting": Agreement.Source.MEETING,
    "chat": Agreement.Source.CHAT,
}


@transaction.atomic
def payment_promise_accept(*, promise: PaymentPromise, actor) -> PaymentPromise:
    """The promise becomes the client's commitment and an agreement-log entry with its source."""
    current = PaymentPromise.objects.select_for_update().get(pk=promise.pk)
    if current.status != PaymentPromise.Status.PROPOSED:
        raise DomainError(_("This promise was already handled."))
    interaction = current.interaction
    what = (
        _("invoice %(number)s") % {"number": current.invoice.number}
        if current.invoice_id
        else _("the open invoices")
    )
    agreement = agreement_record(
        project=current.project,
        title=(
            _("The client promised to pay %(what)s by %(date)s")
            % {"what": what, "date": current.promised_date.isoformat()}
        )[:300],
        details=current.quote,
        source=SOURCE_BY_CHANNEL.get(interaction.channel, Agreement.Source.OTHER),
        source_reference=interaction.subject[:300],
        decided_on=min(timezone.localtime(interaction.occurred_at).date(), timezone.localdate()),
        actor=actor,
        accepted_by=current.contact,
        source_record=interaction,
    )
    commitment = commitment_create(
        project=current.project,
        title=(_("Pay %(what)s") % {"what": what})[:300],
        side=Commitment.Side.CLIENT,
        due_date=current.promised_date,
        actor=actor,
        owner_contact=current.contact,
        origin=agreement,
    )
    current.status = PaymentPromise.Status.ACCEPTED
    current.agreement = agreement
    current.commitment = commitment
    current.save(update_fields=["status", "agreement", "commitment", "updated_at"])
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb="payment_promise.accepted",
        target=current,
        after={"promised_date": current.promised_date, "commitment": commitment.pk},
    )
    return current


@transaction.atomic
def payment_promise_dismiss(*, promise: PaymentPromise, actor) -> PaymentPromise:
    current = PaymentPromise.objects.select_for_update().get(pk=promise.pk)
    if current.status != PaymentPromise.Status.PROPOSED:
        raise DomainError(_("This promise was already handled."))
    current.status = PaymentPromise.Status.DISMISSED
    current.save(update_fields=["status", "updated_at"])
    event_record(
        workspace=current.workspace, actor=actor, verb="payment_promise.dismissed", target=current
    )
    return current
