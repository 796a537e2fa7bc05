"""Language of a text: 'ru', 'pl', 'en' or 'unknown'. Owned by triage."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")
_POLISH = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")


def detect_language(text: str) -> str:
    """Placeholder by script; replaced by the triage engine's detector."""
    cyrillic = len(_CYRILLIC.findall(text or ""))
    latin = len(_LATIN.findall(text or ""))
    if cyrillic + latin < 3:
        return "unknown"
    if cyrillic > latin:
        return "ru"
    return "pl" if _POLISH.search(text) else "en"
