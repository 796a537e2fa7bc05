"""Words that client-facing texts share, written per language rather than taken from the UI
catalogue: a letter to a Russian client must never fall back to an English UI label.

``word(language, group, key)`` returns the phrase; unknown languages use English.
"""

from __future__ import annotations

import re

WORDS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "source": {
            "contract": "contract",
            "email": "e-mail",
            "call": "call",
            "meeting": "meeting",
            "chat": "chat",
            "change_request": "change request",
            "other": "agreement",
        },
        "side": {"ours": "our team", "client": "your side"},
        "agreement_status": {
            "proposed": "to confirm",
            "accepted": "agreed",
            "disputed": "under discussion",
        },
        "misc": {"overdue": "overdue", "by": "by", "accepted_by": "accepted by"},
    },
    "ru": {
        "source": {
            "contract": "договор",
            "email": "письмо",
            "call": "созвон",
            "meeting": "встреча",
            "chat": "чат",
            "change_request": "запрос на изменение",
            "other": "договорённость",
        },
        "side": {"ours": "наша команда", "client": "ваша сторона"},
        "agreement_status": {
            "proposed": "на подтверждении",
            "accepted": "согласовано",
            "disputed": "обсуждается",
        },
        "misc": {"overdue": "срок прошёл", "by": "срок", "accepted_by": "подтвердил(а)"},
    },
    "pl": {
        "source": {
            "contract": "umowa",
            "email": "e-mail",
            "call": "rozmowa",
            "meeting": "spotkanie",
            "chat": "czat",
            "change_request": "wniosek o zmianę",
            "other": "ustalenie",
        },
        "side": {"ours": "nasz zespół", "client": "strona klienta"},
        "agreement_status": {
            "proposed": "do potwierdzenia",
            "accepted": "uzgodnione",
            "disputed": "w dyskusji",
        },
        "misc": {"overdue": "po terminie", "by": "termin", "accepted_by": "zaakceptował(a)"},
    },
}


def language_of(language: str | None) -> str:
    return language if language in WORDS else "en"


def word(language: str | None, group: str, key: str) -> str:
    table = WORDS[language_of(language)][group]
    return table.get(key) or WORDS["en"][group].get(key, "")


_REPLY_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|odp|pd|ответ|отв|пересл)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


def subject_without_prefixes(subject: str) -> str:
    """The subject without any "Re:", "Fwd:", "Odp:", "Ответ:" prefixes, however many."""
    return _REPLY_PREFIX.sub("", subject or "").strip()


def reply_subject(subject: str) -> str:
    """A reply's subject: exactly one "Re: " in front of the original subject."""
    bare = subject_without_prefixes(subject)
    return f"Re: {bare}" if bare else ""


def one_line(text: str) -> str:
    """A title safe for a subject line or a sentence: line breaks and runs of spaces become one
    space."""
    return " ".join((text or "").split())
