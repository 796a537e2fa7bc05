"""Language of a text: 'ru', 'pl', 'en' or 'unknown' (plain Python, fast, offline).

Cyrillic script means Russian here (clients write ru, pl, en); Latin text is Polish when it has
Polish letters or enough Polish function words, else English when it has English function words.
Measured on the triage corpus (see data/triage/README.md)."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż]")
_POLISH_LETTERS = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")
_WORD = re.compile(r"[a-ząćęłńóśźż']+", re.IGNORECASE)
_POLISH_WORDS = frozenset(
    [
        "i",
        "w",
        "z",
        "na",
        "do",
        "się",
        "nie",
        "jest",
        "że",
        "to",
        "czy",
        "jak",
        "co",
        "są",
        "jeszcze",
        "już",
        "dla",
        "od",
        "po",
        "przez",
        "oraz",
        "albo",
        "ale",
        "bo",
        "także",
        "proszę",
        "prosimy",
        "dzień",
        "dobry",
        "dziękuję",
        "dzięki",
        "pozdrawiam",
        "państwo",
        "pan",
        "pani",
        "może",
        "mamy",
        "będzie",
        "był",
        "była",
        "tylko",
        "teraz",
        "jutro",
        "dziś",
        "wszystko",
        "wszyscy",
        "klient",
        "klienci",
        "faktura",
        "termin",
        "sklep",
    ]
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "was",
        "were",
        "be",
        "to",
        "of",
        "in",
        "on",
        "for",
        "with",
        "that",
        "this",
        "it",
        "we",
        "you",
        "they",
        "our",
        "your",
        "have",
        "has",
        "will",
        "would",
        "can",
        "could",
        "please",
        "thanks",
        "thank",
        "hi",
        "hello",
        "not",
        "no",
        "yes",
        "all",
        "any",
        "from",
        "by",
        "at",
        "as",
        "an",
        "a",
    ]
)
MIN_LETTERS = 3


def detect_language(text: str) -> str:
    text = text or ""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic + latin < MIN_LETTERS:
        return "unknown"
    if cyrillic >= latin:
        return "ru"
    words = [word.lower() for word in _WORD.findall(text)]
    polish = sum(word in _POLISH_WORDS for word in words) + 2 * len(_POLISH_LETTERS.findall(text))
    english = sum(word in _ENGLISH_WORDS for word in words)
    if polish == 0 and english == 0:
        return "unknown" if latin < 12 else "en"
    return "pl" if polish > english else "en"
