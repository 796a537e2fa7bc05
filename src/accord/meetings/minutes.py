"""Texts sent to clients about meetings, in the recipient's language (ru, pl, en)."""

from __future__ import annotations

import zoneinfo

from django.utils import formats, timezone, translation

TEXTS = {
    "en": {
        "minutes_subject": "Minutes: {title} ({date})",
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
        "invite_subject": "Invitation: {title} ({date})",
        "invite_context": "Context: we invite you to the {kind} “{title}” for the project {project} on {date}"
        " ({duration} min){location}.",
        "invite_agenda": "Agenda (we start with what was agreed last time):",
        "invite_ask": "Our request: please confirm that you can attend, and add topics you want to discuss "
        "by replying to this e-mail. The calendar invitation is attached.",
    },
    "ru": {
        "minutes_subject": "Протокол: {title} ({date})",
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
        "invite_subject": "Приглашение: {title} ({date})",
        "invite_context": "Контекст: приглашаем вас на встречу ({kind}) «{title}» по проекту «{project}» {date}"
        " ({duration} мин){location}.",
        "invite_agenda": "Повестка (начинаем с того, о чём договорились в прошлый раз):",
        "invite_ask": "Просьба: подтвердите, пожалуйста, участие и допишите в ответном письме вопросы, которые "
        "хотите обсудить. Приглашение в календарь во вложении.",
    },
    "pl": {
        "minutes_subject": "Notatka ze spotkania: {title} ({date})",
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
        "invite_subject": "Zaproszenie: {title} ({date})",
        "invite_context": "Kontekst: zapraszamy na spotkanie ({kind}) „{title}” w projekcie {project} {date}"
        " ({duration} min){location}.",
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


def _language(language: str) -> str:
    return language if language in TEXTS else "en"


def _date(value, language: str, with_time: bool = False, time_zone: str = "") -> str:
    with translation.override(language):
        if with_time:
            zone = zoneinfo.ZoneInfo(time_zone) if time_zone else None
            return formats.date_format(timezone.localtime(value, zone), "DATETIME_FORMAT")
        return formats.date_format(value, "DATE_FORMAT")


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
    date = _date(meeting.starts_at, language, with_time=True, time_zone=meeting.workspace.time_zone)
    lines = [
        text["greeting"],
        "",
        text["context"].format(
            date=date,
            kind=KINDS[language][meeting.kind],
            title=meeting.title,
            project=meeting.project.name,
            attendees=attendees,
        ),
        "",
        text["discussed"],
    ]
    discussed = [line.strip() for line in meeting.discussed.splitlines() if line.strip()]
    lines += [f"- {line}" for line in discussed] or [text["none"]]
    lines += ["", text["decided"]]
    lines += [
        f"- {agreement.title}"
        + (f" ({agreement.accepted_by.name})" if agreement.accepted_by else "")
        for agreement in decisions
    ] or [text["none"]]
    lines += ["", text["actions"]]
    lines += [
        f"- {item.title} — {item.owner_name or item.get_side_display()}, {_date(item.due_date, language)}"
        for item in actions
    ] or [text["none"]]
    lines += [
        "",
        text["next"].format(
            next=_date(
                next_meeting.starts_at,
                language,
                with_time=True,
                time_zone=meeting.workspace.time_zone,
            )
        )
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
        title=meeting.title, date=_date(meeting.starts_at, language)
    )
    return subject, "\n".join(lines)


def invite_email(*, meeting, language: str, agenda_text: str, sender: str) -> tuple[str, str]:
    language = _language(language)
    text = TEXTS[language]
    location = f", {meeting.location}" if meeting.location else ""
    date = _date(meeting.starts_at, language, with_time=True, time_zone=meeting.workspace.time_zone)
    body = "\n".join(
        [
            text["greeting"],
            "",
            text["invite_context"].format(
                kind=KINDS[language][meeting.kind],
                title=meeting.title,
                project=meeting.project.name,
                date=date,
                duration=meeting.duration_minutes,
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
    return text["invite_subject"].format(
        title=meeting.title, date=_date(meeting.starts_at, language)
    ), body
