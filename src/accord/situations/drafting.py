"""Reply drafts rendered from the case, the project's records and the playbook (deterministic)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import formats, timezone, translation

from accord.agreements.models import Commitment
from accord.projects.models import ScopeItem

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
DECISION_MAKER = {"en": "your director", "ru": "вашим руководителем", "pl": "Państwa dyrektorem"}


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
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


def plan_date(project) -> object:
    """The next concrete date on record: the next milestone's forecast or plan, else our next commitment."""
    today = timezone.localdate()
    milestone = project.milestones.filter(done_date__isnull=True).order_by("planned_date").first()
    dates = []
    if milestone is not None:
        dates.append(max(milestone.forecast_date or milestone.planned_date, today))
    commitment = (
        Commitment.objects.filter(project=project, side="ours", status="open", due_date__gte=today)
        .order_by("due_date")
        .first()
    )
    if commitment is not None:
        dates.append(commitment.due_date)
    return min(dates) if dates else today + timezone.timedelta(days=5)


def _topic(case) -> str:
    message = case.interactions.filter(direction="in").order_by("-occurred_at").first()
    if message is None:
        return case.get_situation_display()
    text = (
        (message.subject or message.body_text or "").strip().splitlines()[0]
        if (message.subject or message.body_text)
        else ""
    )
    text = re.sub(r"^(re|fw|fwd|odp|ответ)\s*:\s*", "", text, flags=re.IGNORECASE)
    return (
        (text[:TOPIC_LENGTH] + "…")
        if len(text) > TOPIC_LENGTH
        else (text or case.get_situation_display())
    )


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
    language = getattr(contact, "language", None) or project.client.language or "en"
    language = language if language in ("en", "ru", "pl") else "en"
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
        plan = "; ".join(f"{item.title} ({_date(item.due_date, language)})" for item in open_ours)
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
    decision_maker = project.client.contacts.filter(role="decision_maker").first()
    message = case.interactions.filter(direction="in").order_by("-occurred_at").first()
    values = _Missing(
        name=getattr(contact, "name", "") or "",
        project=project.name,
        topic=_topic(case),
        subject=(message.subject if message and message.subject else project.name),
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
            rate=f"{contract.hourly_rate} {project.currency}"
            if contract and contract.hourly_rate
            else "—",
        ),
        decision_maker=decision_maker.name if decision_maker else DECISION_MAKER[language],
        questions="\n".join(f"- {question}" for question in text.questions),
        payment_terms=contract.payment_terms_days if contract else "—",
    )
    subject = text.reply.subject.format_map(values)
    body = text.reply.body.format_map(values).strip()
    return Draft(language, subject, body, contact)


def is_decline(case) -> bool:
    return case.situation in DECLINE
