"""Reply drafts rendered from the case, the project's records and the playbook (deterministic)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from accord.agreements.models import Commitment
from accord.core import formatting
from accord.core.client_words import language_of, one_line, reply_subject, subject_without_prefixes
from accord.projects.models import ScopeItem
from accord.textkit.replies import split_reply

from .catalogue import DECLINE
from .playbooks import playbook_for

TOPIC_LENGTH = 90
ASK = {
    "en": "an example (a screenshot or a record number) of what goes wrong",
    "ru": "пример (скриншот или номер документа) того, что работает не так",
    "pl": "przykład (zrzut ekranu lub numer dokumentu) tego, co działa źle",
}
NO_FEEDBACK_ASK = {
    "en": "do you accept the current version, or what exactly should change",
    "ru": "вы принимаете текущую версию или что именно нужно изменить",
    "pl": "czy akceptują Państwo obecną wersję, czy co dokładnie zmienić",
}
OFFER = {
    "en": "a change request with the price and the new date; or we schedule it after {next}; or a paid extra at our hourly rate of {rate}",
    "ru": "запрос на изменение со стоимостью и новым сроком; или выполнение после «{next}»; или платную доработку по ставке {rate}",
    "pl": "wniosek o zmianę z ceną i nowym terminem; albo realizację po etapie „{next}”; albo płatne rozszerzenie według stawki {rate}",
}
PLAN = {
    "en": "{items}",
    "ru": "{items}",
    "pl": "{items}",
}
DEFAULT_PLAN = {
    "en": "we analyse the cause, fix it, test it with your scenarios and show you the result",
    "ru": "мы разберём причину, исправим, проверим на ваших сценариях и покажем результат",
    "pl": "przeanalizujemy przyczynę, naprawimy, przetestujemy na Państwa scenariuszach i pokażemy wynik",
}
# Who else should join, phrased so that no name needs declension: the name stands alone
# after a colon, in its dictionary form.
MEET_WITH = {
    "en": " From your side, we would be glad to have {names} with us as well.",
    "ru": " С вашей стороны просим также пригласить: {names}.",
    "pl": " Z Państwa strony prosimy także o udział: {names}.",
}
MEET_WITH_ROLE = {
    "en": " It would help if the person who decides on your side could join as well.",
    "ru": " Будем рады, если к встрече присоединится и тот, кто принимает решения с вашей стороны.",
    "pl": " Dobrze byłoby, gdyby dołączyła także osoba podejmująca decyzje po Państwa stronie.",
}


@dataclass
class Draft:
    language: str
    subject: str
    body: str
    contact: object = None


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def _date(value, language: str) -> str:
    return formatting.format_date(value, language)


def plan_date(project) -> object:
    """The date a draft promises, never a past one: the next milestone's promised date (the
    one a person accepted), else our next open commitment, else five days ahead."""
    today = timezone.localdate(timezone=formatting.workspace_zone(project.workspace))
    milestone = project.milestones.filter(done_date__isnull=True).order_by("planned_date").first()
    if milestone is not None and milestone.promised_date >= today:
        return milestone.promised_date
    commitment = (
        Commitment.objects.filter(project=project, side="ours", status="open", due_date__gte=today)
        .order_by("due_date")
        .first()
    )
    if commitment is not None:
        return commitment.due_date
    return today + datetime.timedelta(days=5)


_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
_GREETING = re.compile(
    r"^(hello|hi|dear|good (morning|afternoon)|здравствуйте|добрый день|привет|"
    r"dzień dobry|witam|cześć)\b",
    re.IGNORECASE,
)


def _shorten(text: str) -> str:
    text = one_line(text).strip(" .;:,!")
    if len(text) > TOPIC_LENGTH:
        text = text[:TOPIC_LENGTH].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


def _topic(case, language: str) -> str:
    """What the client asked about, in the client's own words: the sentence the triage found for
    this situation, else the first real sentence of the client's new text, else the subject."""
    message = case.interactions.filter(direction="in").order_by("-occurred_at").first()
    if message is None:
        return one_line(case.project.name)
    triage = getattr(message, "triage", None)
    for evidence in getattr(triage, "evidence", None) or []:
        if evidence.get("label") == case.situation and evidence.get("text", "").strip():
            return _shorten(evidence["text"])
    new_text = split_reply(message.body_text or "").new_text
    for sentence in _SENTENCE.split(new_text):
        sentence = sentence.strip()
        if len(sentence) > 12 and not _GREETING.match(sentence):
            return _shorten(sentence)
    return _shorten(subject_without_prefixes(message.subject)) or one_line(case.project.name)


def case_contact(case):
    message = (
        case.interactions.filter(direction="in", sender_contact__isnull=False)
        .order_by("-occurred_at")
        .first()
    )
    if message is not None:
        return message.sender_contact
    contacts = list(case.project.client.contacts.filter(is_active=True))
    managers = [c for c in contacts if c.role == "manager"]
    return (managers or contacts or [None])[0]


def case_draft_render(*, case, sender_name: str, contact=None) -> Draft:
    """The reply for the case in the contact's language, filled with names and dates from the records."""
    contact = contact or case_contact(case)
    project = case.project
    language = language_of(formatting.recipient_locale(contact, client=project.client))
    playbook = playbook_for(situation=case.situation, workspace=case.workspace)
    text = playbook.text(language)
    date = plan_date(project)
    open_ours = list(
        Commitment.objects.filter(project=project, side="ours", status="open").order_by("due_date")[
            :3
        ]
    )
    if case.root_cause and text.root_causes and case.root_cause in text.root_causes:
        plan = "; ".join(measure.rstrip(".") for measure in text.root_causes[case.root_cause])
    elif open_ours:
        plan = "; ".join(
            f"{one_line(item.title)} ({_date(item.due_date, language)})" for item in open_ours
        )
    else:
        plan = DEFAULT_PLAN[language]
    contract = getattr(project, "contract", None)
    scope = (
        [item.title for item in contract.scope_items.filter(kind=ScopeItem.Kind.INCLUDED)]
        if contract
        else []
    )
    next_milestone = (
        project.milestones.filter(done_date__isnull=True).order_by("planned_date").first()
    )
    decision_makers = [
        person
        for person in project.client.contacts.filter(role="decision_maker", is_active=True)
        if contact is None or person.pk != contact.pk
    ]
    if contact is not None and getattr(contact, "role", "") == "decision_maker":
        meet_with = ""
    elif decision_makers:
        meet_with = MEET_WITH[language].format(names=", ".join(p.name for p in decision_makers))
    else:
        meet_with = MEET_WITH_ROLE[language]
    message = case.interactions.filter(direction="in").order_by("-occurred_at").first()
    values = _Missing(
        name=getattr(contact, "name", "") or "",
        project=one_line(project.name),
        topic=_topic(case, language),
        subject=subject_without_prefixes(message.subject if message else "")
        or one_line(project.name),
        plan=plan,
        plan_date=_date(date, language),
        ask=NO_FEEDBACK_ASK[language] if case.situation == "no_feedback" else ASK[language],
        sender=sender_name,
        sender_first=sender_name.split()[0] if sender_name else "",
        escalation_path=(
            contract.escalation_path.strip()
            if contract and contract.escalation_path.strip()
            else "—"
        ),
        scope_items="; ".join(scope) or "—",
        offer=OFFER[language].format(
            next=next_milestone.name if next_milestone else project.name,
            rate=formatting.format_money(contract.hourly_rate, project.currency, language)
            if contract and contract.hourly_rate
            else "—",
        ),
        meet_with=meet_with,
        # Older workspace playbooks may still name the decision-maker directly.
        decision_maker=", ".join(p.name for p in decision_makers) or "—",
        questions="\n".join(f"- {question}" for question in text.questions),
        payment_terms=contract.payment_terms_days if contract else "—",
    )
    subject = reply_subject(text.reply.subject.format_map(values))
    body = formatting.tidy_text(text.reply.body.format_map(values).strip())
    return Draft(language, one_line(subject), body, contact)


def is_decline(case) -> bool:
    return case.situation in DECLINE
