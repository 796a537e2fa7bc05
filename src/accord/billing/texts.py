"""What each dunning step says, in the language of the client's billing contact (ru, pl, en).

Only facts the client already has reach them: the invoice, amounts, dates, the contract and its
payment clause. Nothing internal (cases, scores, notes) is ever put into these texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .money import format_day, format_money

LANGUAGES = ("en", "ru", "pl")

TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "reminder": (
            "Invoice {number}: a friendly reminder",
            "Hello {name},\n\n"
            "This is a friendly reminder that invoice {number} of {issue_date} for {total} "
            "was due on {due_date}. Our records show {outstanding} still open.\n"
            "If the payment is already on its way, thank you, and please ignore this message. "
            "If anything about the invoice is unclear, just reply and we will sort it out.\n\n"
            "Kind regards,\n{sender}",
        ),
        "call": (
            "Call about invoice {number}",
            "Call {name} about invoice {number} ({outstanding} open since {due_date}).\n"
            "1. Ask whether the invoice arrived and is correct.\n"
            "2. Learn why it is not paid: is it a temporary difficulty?\n"
            "3. If it is, offer a way out: a payment plan with dates.\n"
            "4. Agree the date of payment and confirm it in writing.",
        ),
        "plan_proposal": (
            "Invoice {number}: shall we agree a payment plan?",
            "Hello {name},\n\n"
            "Invoice {number} for {total} has been overdue since {due_date}; {outstanding} is "
            "still open. If paying it in one go is difficult right now, we are glad to agree a "
            "payment plan, for example {proposal}.\n"
            "Please reply with the dates that work for you, or let us know when the full "
            "payment will be made.\n\n"
            "Kind regards,\n{sender}",
        ),
        "formal_notice": (
            "Formal notice: invoice {number} overdue",
            "Dear {name},\n\n"
            "Despite our reminders, invoice {number} of {issue_date} under contract {contract} "
            "remains unpaid: {outstanding} has been overdue since {due_date}.\n"
            "The contract says on payment:\n\n"
            "“{clause}”\n\n"
            "We ask you to pay the outstanding amount by {deadline}. If it is not paid by then, "
            "we will pass the matter on for collection.\n\n"
            "Yours sincerely,\n{sender}",
        ),
        "handover": (
            "Invoice {number}: the matter is passed on for collection",
            "Dear {name},\n\n"
            "As invoice {number} ({outstanding}, due on {due_date}) remains unpaid despite our "
            "reminders and formal notice, we have passed the matter to our legal adviser for "
            "collection. You can still settle it by paying the outstanding amount; please "
            "quote the invoice number.\n\n"
            "Yours sincerely,\n{sender}",
        ),
    },
    "ru": {
        "reminder": (
            "Счёт {number}: дружеское напоминание",
            "Здравствуйте, {name}!\n\n"
            "Напоминаем, что срок оплаты счёта {number} от {issue_date} на сумму {total} "
            "истёк {due_date}. По нашим данным, к оплате остаётся {outstanding}.\n"
            "Если платёж уже в пути — спасибо, просто не обращайте внимания на это письмо. "
            "Если по счёту есть вопросы, ответьте нам, и мы всё уточним.\n\n"
            "С уважением,\n{sender}",
        ),
        "call": (
            "Звонок по счёту {number}",
            "Позвонить: {name}, счёт {number} (к оплате {outstanding}, срок истёк {due_date}).\n"
            "1. Уточнить, получен ли счёт и всё ли в нём верно.\n"
            "2. Выяснить причину неоплаты: это временные трудности?\n"
            "3. Если да — предложить выход: график платежей с датами.\n"
            "4. Договориться о дате оплаты и подтвердить её письменно.",
        ),
        "plan_proposal": (
            "Счёт {number}: согласуем график платежей?",
            "Здравствуйте, {name}!\n\n"
            "Счёт {number} на сумму {total} просрочен с {due_date}, к оплате остаётся "
            "{outstanding}. Если оплатить всю сумму сразу сейчас сложно, мы готовы согласовать "
            "график платежей, например {proposal}.\n"
            "Пожалуйста, предложите удобные даты или сообщите, когда будет произведена "
            "полная оплата.\n\n"
            "С уважением,\n{sender}",
        ),
        "formal_notice": (
            "Официальное уведомление: просрочена оплата счёта {number}",
            "Здравствуйте, {name}!\n\n"
            "Несмотря на наши напоминания, счёт {number} от {issue_date} по договору {contract} "
            "не оплачен: сумма {outstanding} просрочена с {due_date}.\n"
            "Договор об оплате гласит:\n\n"
            "«{clause}»\n\n"
            "Просим оплатить задолженность до {deadline}. В противном случае мы будем вынуждены "
            "передать вопрос на взыскание.\n\n"
            "С уважением,\n{sender}",
        ),
        "handover": (
            "Счёт {number}: вопрос передан на взыскание",
            "Здравствуйте, {name}!\n\n"
            "Поскольку счёт {number} (сумма {outstanding}, срок оплаты {due_date}) не оплачен, "
            "несмотря на напоминания и официальное уведомление, мы передали вопрос нашему "
            "юристу для взыскания. Урегулировать его по-прежнему можно, оплатив задолженность "
            "с указанием номера счёта.\n\n"
            "С уважением,\n{sender}",
        ),
    },
    "pl": {
        "reminder": (
            "Faktura {number}: uprzejme przypomnienie",
            "Dzień dobry, {name},\n\n"
            "uprzejmie przypominamy, że termin płatności faktury {number} z dnia {issue_date} "
            "na kwotę {total} minął {due_date}. Według naszych danych do zapłaty pozostaje "
            "{outstanding}.\n"
            "Jeśli płatność jest już w drodze, dziękujemy i prosimy zignorować tę wiadomość. "
            "Jeśli coś w fakturze jest niejasne, prosimy o odpowiedź, a wszystko wyjaśnimy.\n\n"
            "Z poważaniem,\n{sender}",
        ),
        "call": (
            "Telefon w sprawie faktury {number}",
            "Zadzwonić: {name}, faktura {number} (do zapłaty {outstanding}, termin minął {due_date}).\n"
            "1. Zapytać, czy faktura dotarła i czy jest poprawna.\n"
            "2. Dowiedzieć się, dlaczego nie jest opłacona: czy to przejściowe trudności?\n"
            "3. Jeśli tak, zaproponować wyjście: harmonogram spłat z datami.\n"
            "4. Uzgodnić datę zapłaty i potwierdzić ją na piśmie.",
        ),
        "plan_proposal": (
            "Faktura {number}: czy uzgodnimy harmonogram spłat?",
            "Dzień dobry, {name},\n\n"
            "faktura {number} na kwotę {total} jest przeterminowana od {due_date}; do zapłaty "
            "pozostaje {outstanding}. Jeśli jednorazowa zapłata jest teraz trudna, chętnie "
            "uzgodnimy harmonogram spłat, na przykład {proposal}.\n"
            "Prosimy o propozycję dogodnych terminów lub informację, kiedy nastąpi pełna "
            "zapłata.\n\n"
            "Z poważaniem,\n{sender}",
        ),
        "formal_notice": (
            "Wezwanie do zapłaty: faktura {number}",
            "Szanowni Państwo,\n\n"
            "mimo naszych przypomnień faktura {number} z dnia {issue_date} wystawiona na "
            "podstawie umowy {contract} pozostaje nieopłacona: kwota {outstanding} jest "
            "wymagalna od {due_date}.\n"
            "Umowa stanowi w sprawie płatności:\n\n"
            "„{clause}”\n\n"
            "Wzywamy do zapłaty zaległej kwoty do {deadline}. W przypadku braku zapłaty sprawa "
            "zostanie skierowana do windykacji.\n\n"
            "Z poważaniem,\n{sender}",
        ),
        "handover": (
            "Faktura {number}: sprawa przekazana do windykacji",
            "Szanowni Państwo,\n\n"
            "ponieważ faktura {number} (kwota {outstanding}, termin płatności {due_date}) "
            "pozostaje nieopłacona mimo przypomnień i wezwania do zapłaty, przekazaliśmy sprawę "
            "naszemu prawnikowi do windykacji. Nadal można ją zakończyć, wpłacając zaległą "
            "kwotę z podaniem numeru faktury.\n\n"
            "Z poważaniem,\n{sender}",
        ),
    },
}

TERMS_SENTENCE = {
    "en": "Invoices are payable within {days} days of the invoice date.",
    "ru": "Счета оплачиваются в течение {days} дней с даты выставления.",
    "pl": "Faktury są płatne w terminie {days} dni od daty wystawienia.",
}
PROPOSAL = {
    "en": "{first} by {first_date} and the rest by {second_date}",
    "ru": "{first} до {first_date} и остаток до {second_date}",
    "pl": "{first} do {first_date} i reszta do {second_date}",
}


@dataclass(frozen=True)
class StepText:
    language: str
    subject: str
    body: str


def language_for(contact, client) -> str:
    language = getattr(contact, "language", "") or getattr(client, "language", "") or "en"
    return language if language in LANGUAGES else "en"


def payment_clause(contract, language: str) -> str:
    """The contract's own words on payment, or its terms said plainly when none were recorded."""
    if contract is not None and contract.payment_clause.strip():
        return contract.payment_clause.strip()
    days = contract.payment_terms_days if contract is not None else 14
    return TERMS_SENTENCE[language].format(days=days)


def step_text(
    *, action: str, invoice, contact, sender: str, today, deadline=None, contract=None
) -> StepText:
    """The subject and body of one ladder step for ``invoice`` in the contact's language."""
    import datetime
    from decimal import ROUND_DOWN, Decimal

    language = language_for(contact, invoice.client)
    subject_template, body_template = TEXTS[language][action]
    if contract is None:
        contract = getattr(invoice.project, "contract", None)
    outstanding = invoice.outstanding
    half = (outstanding / 2).quantize(Decimal("1"), rounding=ROUND_DOWN) or outstanding
    values = {
        "name": getattr(contact, "name", "") or invoice.client.name,
        "number": invoice.number,
        "issue_date": format_day(invoice.issue_date, language),
        "due_date": format_day(invoice.due_date, language),
        "total": format_money(invoice.amount, invoice.currency, language),
        "outstanding": format_money(outstanding, invoice.currency, language),
        "contract": (contract.number if contract is not None and contract.number else "—"),
        "clause": payment_clause(contract, language),
        "deadline": format_day(deadline or today + datetime.timedelta(days=7), language),
        "sender": sender,
        "proposal": PROPOSAL[language].format(
            first=format_money(half, invoice.currency, language),
            first_date=format_day(today + datetime.timedelta(days=14), language),
            second_date=format_day(today + datetime.timedelta(days=42), language),
        ),
    }
    return StepText(
        language=language,
        subject=subject_template.format(**values),
        body=body_template.format(**values),
    )
