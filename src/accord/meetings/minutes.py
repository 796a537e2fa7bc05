"""Texts sent to clients about meetings, in the recipient's language (ru, pl, en)."""

from __future__ import annotations

from django.utils import timezone

from accord.core import formatting
from accord.core.client_words import language_of, one_line, word

TEXTS = {
    "en": {
        "minutes_subject": "Minutes: {title}, {date}",
        "greeting": "Hello,",
        "context": "Context: on {date} we held the {kind} “{title}” for the project {project}. "
        "Attendees: {attendees}.",
        "discussed": "What we discussed:",
        "decided": "What we decided:",
        "actions": "Who does what by when:",
        "none": "— nothing recorded",
        "next": "Next meeting: {next}.",
        "no_next": "Next meeting: not scheduled yet.",
        "ask": "Our request: please check these minutes. If anything is wrong or missing, reply to this e-mail "
        "by {deadline}. Without an objection by then we take the decisions as accepted.",
        "sign": "Best regards,\n{sender}",
        "invite_subject": "Invitation: {title}, {date}",
        "invite_context": "Context: we invite you to the {kind} “{title}” for the project {project} on {date}"
        " ({duration}){location}.",
        "invite_agenda": "Agenda (we start with what was agreed last time):",
        "invite_ask": "Our request: please confirm that you can attend, and add topics you want to discuss "
        "by replying to this e-mail. The calendar invitation is attached.",
    },
    "ru": {
        "minutes_subject": "Протокол: {title}, {date}",
        "greeting": "Добрый день!",
        "context": "Контекст: {date} прошла встреча ({kind}) «{title}» по проекту «{project}». "
        "Участники: {attendees}.",
        "discussed": "Что обсудили:",
        "decided": "Что решили:",
        "actions": "Кто что делает и к какому сроку:",
        "none": "— ничего не записано",
        "next": "Следующая встреча: {next}.",
        "no_next": "Следующая встреча: пока не назначена.",
        "ask": "Просьба: проверьте, пожалуйста, протокол. Если что-то указано неверно или упущено, ответьте "
        "на это письмо до {deadline}. Если возражений не будет, мы считаем решения принятыми.",
        "sign": "С уважением,\n{sender}",
        "invite_subject": "Приглашение: {title}, {date}",
        "invite_context": "Контекст: приглашаем вас на встречу ({kind}) «{title}» по проекту «{project}» {date}"
        " ({duration}){location}.",
        "invite_agenda": "Повестка (начинаем с того, о чём договорились в прошлый раз):",
        "invite_ask": "Просьба: подтвердите, пожалуйста, участие и допишите в ответном письме вопросы, которые "
        "хотите обсудить. Приглашение в календарь во вложении.",
    },
    "pl": {
        "minutes_subject": "Notatka ze spotkania: {title}, {date}",
        "greeting": "Dzień dobry,",
        "context": "Kontekst: {date} odbyło się spotkanie ({kind}) „{title}” w projekcie {project}. "
        "Uczestnicy: {attendees}.",
        "discussed": "Co omówiliśmy:",
        "decided": "Co ustaliliśmy:",
        "actions": "Kto co robi i do kiedy:",
        "none": "— nic nie zapisano",
        "next": "Następne spotkanie: {next}.",
        "no_next": "Następne spotkanie: jeszcze nie ustalone.",
        "ask": "Prośba: prosimy o sprawdzenie notatki. Jeśli coś jest nie tak lub czegoś brakuje, prosimy "
        "o odpowiedź na tego e-maila do {deadline}. Bez zastrzeżeń do tego dnia uznajemy ustalenia "
        "za przyjęte.",
        "sign": "Z poważaniem,\n{sender}",
        "invite_subject": "Zaproszenie: {title}, {date}",
        "invite_context": "Kontekst: zapraszamy na spotkanie ({kind}) „{title}” w projekcie {project} {date}"
        " ({duration}){location}.",
        "invite_agenda": "Agenda (zaczynamy od tego, co ustaliliśmy ostatnio):",
        "invite_ask": "Prośba: prosimy o potwierdzenie udziału i dopisanie tematów w odpowiedzi na tego "
        "e-maila. Zaproszenie do kalendarza w załączniku.",
    },
}
KINDS = {
    "en": {"call": "call", "meeting": "meeting", "demo": "demo", "kickoff": "kickoff meeting"},
    "ru": {
        "call": "созвон",
        "meeting": "встреча",
        "demo": "демонстрация",
        "kickoff": "стартовая встреча",
    },
    "pl": {
        "call": "rozmowa",
        "meeting": "spotkanie",
        "demo": "prezentacja",
        "kickoff": "spotkanie otwierające",
    },
}


# Section headings of the client agenda, per language (never the UI catalogue's English).
SECTIONS = {
    "en": {
        "decisions": "Agreed last time",
        "commitments": "Open commitments of both sides",
        "topics": "Today's topics",
        "kickoff": "Rules of cooperation",
        "changes": "Change requests",
    },
    "ru": {
        "decisions": "О чём договорились в прошлый раз",
        "commitments": "Открытые обязательства обеих сторон",
        "topics": "Темы на сегодня",
        "kickoff": "Правила совместной работы",
        "changes": "Запросы на изменение",
    },
    "pl": {
        "decisions": "Co ustaliliśmy ostatnio",
        "commitments": "Otwarte zobowiązania obu stron",
        "topics": "Tematy na dziś",
        "kickoff": "Zasady współpracy",
        "changes": "Wnioski o zmianę",
    },
}
KICKOFF_TEXTS = {
    "en": {
        "meeting_cadence": "How often do we meet, and who attends from each side?",
        "documentation": "Which documents will be produced and agreed?",
        "schedule": "Schedule: what each side delivers, by whom and by when",
        "escalation": "How do we resolve disagreements (escalation path, neutral third party)?",
    },
    "ru": {
        "meeting_cadence": "Как часто встречаемся и кто участвует с каждой стороны?",
        "documentation": "Какие документы готовим и согласуем?",
        "schedule": "График: что делает каждая сторона, кто и к какому сроку",
        "escalation": "Как решаем разногласия (порядок эскалации, нейтральная третья сторона)?",
    },
    "pl": {
        "meeting_cadence": "Jak często się spotykamy i kto uczestniczy z każdej strony?",
        "documentation": "Jakie dokumenty przygotowujemy i uzgadniamy?",
        "schedule": "Harmonogram: co dostarcza każda strona, kto i do kiedy",
        "escalation": "Jak rozwiązujemy spory (ścieżka eskalacji, neutralna strona trzecia)?",
    },
}


def _language(language: str) -> str:
    return language_of(language)


def _zone(meeting):
    return formatting.workspace_zone(meeting.workspace)


def _date(value, language: str) -> str:
    return formatting.format_date(value, language)


def _moment(value, language: str, meeting) -> str:
    return formatting.format_datetime(value, language, tz=_zone(meeting))


def _agreement_line(agreement, language: str) -> str:
    parts = [_date(agreement.decided_on, language), word(language, "source", agreement.source)]
    if agreement.accepted_by_id:
        parts.append(agreement.accepted_by.name)
    status = word(language, "agreement_status", agreement.status)
    return f"{one_line(agreement.title)} ({', '.join(parts)}){f' — {status}' if status else ''}"


def _commitment_line(commitment, language: str, today) -> str:
    owner = commitment.owner_name or word(language, "side", commitment.side)
    due = _date(commitment.due_date, language)
    overdue = f"{word(language, 'misc', 'overdue')}: " if commitment.due_date < today else ""
    return f"{overdue}{one_line(commitment.title)} — {owner}, {word(language, 'misc', 'by')} {due}"


def client_agenda_sections(*, meeting, language: str) -> list[tuple[str, list[str]]]:
    """The client agenda: (heading, lines) in the reader's language; team notes left out."""
    language = _language(language)
    today = timezone.localdate(timezone=_zone(meeting))
    sections: list[tuple[str, list[str]]] = []
    items = (
        meeting.agenda_items.filter(audience="client")
        .select_related("agreement__accepted_by", "commitment__owner_contact")
        .select_related("commitment__owner_member__user")
        .order_by("position", "id")
    )
    for item in items:
        if item.agreement_id and item.agreement is not None:
            line = _agreement_line(item.agreement, language)
        elif item.commitment_id and item.commitment is not None:
            line = _commitment_line(item.commitment, language, today)
        elif item.key.startswith("kickoff:"):
            line = KICKOFF_TEXTS[language].get(item.key.split(":", 1)[1], item.text)
        else:
            line = one_line(item.text)
        heading = SECTIONS[language].get(item.section, SECTIONS[language]["topics"])
        if not sections or sections[-1][0] != heading:
            sections.append((heading, []))
        sections[-1][1].append(line)
    return sections


def client_agenda_text(*, meeting, language: str) -> str:
    lines = []
    for heading, entries in client_agenda_sections(meeting=meeting, language=language):
        lines.append(f"{heading}:")
        lines += [f"  - {entry}" for entry in entries]
    return "\n".join(lines)


def minutes_email(
    *, meeting, language: str, decisions: list, actions: list, next_meeting, deadline, sender: str
) -> tuple[str, str]:
    """Subject and body of the minutes: context, what happened, what we ask (practice §2)."""
    language = _language(language)
    text = TEXTS[language]
    attendees = (
        ", ".join(
            [contact.name for contact in meeting.attendee_contacts.all()]
            + [member.display_name for member in meeting.attendee_members.all()]
        )
        or "—"
    )
    date = _moment(meeting.starts_at, language, meeting)
    lines = [
        text["greeting"],
        "",
        text["context"].format(
            date=date,
            kind=KINDS[language][meeting.kind],
            title=one_line(meeting.title),
            project=one_line(meeting.project.name),
            attendees=attendees,
        ),
        "",
        text["discussed"],
    ]
    discussed = [line.strip() for line in meeting.discussed.splitlines() if line.strip()]
    lines += [f"- {line}" for line in discussed] or [text["none"]]
    lines += ["", text["decided"]]
    lines += [
        f"- {one_line(agreement.title)}"
        + (f" ({agreement.accepted_by.name})" if agreement.accepted_by else "")
        for agreement in decisions
    ] or [text["none"]]
    lines += ["", text["actions"]]
    lines += [
        f"- {one_line(item.title)} — {item.owner_name or word(language, 'side', item.side)}, "
        f"{_date(item.due_date, language)}"
        for item in actions
    ] or [text["none"]]
    lines += [
        "",
        text["next"].format(next=_moment(next_meeting.starts_at, language, meeting))
        if next_meeting
        else text["no_next"],
    ]
    lines += [
        "",
        text["ask"].format(deadline=_date(deadline, language)),
        "",
        text["sign"].format(sender=sender),
    ]
    subject = text["minutes_subject"].format(
        title=one_line(meeting.title),
        date=_date(meeting.starts_at.astimezone(_zone(meeting)), language),
    )
    return one_line(subject), formatting.tidy_text("\n".join(lines))


def invite_email(*, meeting, language: str, agenda_text: str, sender: str) -> tuple[str, str]:
    """The invitation: context, the client agenda (never the team notes), what we ask."""
    language = _language(language)
    text = TEXTS[language]
    location = f", {one_line(meeting.location)}" if meeting.location else ""
    date = _moment(meeting.starts_at, language, meeting)
    body = "\n".join(
        [
            text["greeting"],
            "",
            text["invite_context"].format(
                kind=KINDS[language][meeting.kind],
                title=one_line(meeting.title),
                project=one_line(meeting.project.name),
                date=date,
                duration=formatting.format_duration(meeting.duration_minutes, language),
                location=location,
            ),
            "",
            text["invite_agenda"],
            agenda_text,
            "",
            text["invite_ask"],
            "",
            text["sign"].format(sender=sender),
        ]
    )
    subject = text["invite_subject"].format(
        title=one_line(meeting.title),
        date=_date(meeting.starts_at.astimezone(_zone(meeting)), language),
    )
    return one_line(subject), formatting.tidy_text(body)
