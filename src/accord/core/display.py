"""Human names for the ids the domain speaks in (labels, tones, verdicts, scores...).

Templates never print a raw id: they call ``{{ value|human:"kind" }}`` (or ``human()`` from
Python), so a situation reads the same on every page and in every language.
"""

from __future__ import annotations

from functools import cache

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

SITUATION_KINDS = {"situation", "label", "playbook"}


@cache  # the names stay lazy: translated when shown
def _situations() -> dict[str, str]:
    from accord.situations.catalogue import Situation

    return dict(Situation.choices)


@cache  # the names stay lazy: translated when shown
def _severities() -> dict[str, str]:
    from accord.situations.models import Case

    return dict(Case.Severity.choices)


@cache  # the names stay lazy: translated when shown
def _case_statuses() -> dict[str, str]:
    from accord.situations.models import Case

    return dict(Case.Status.choices)


@cache  # the names stay lazy: translated when shown
def _verdicts() -> dict[str, str]:
    from accord.changes.models import ChangeRequest

    return dict(ChangeRequest.Verdict.choices)


TONES = {
    "negative": pgettext_lazy("tone", "Negative"),
    "neutral": pgettext_lazy("tone", "Neutral"),
    "positive": pgettext_lazy("tone", "Positive"),
}
URGENCIES = {
    "high": pgettext_lazy("urgency", "Urgent"),
    "normal": pgettext_lazy("urgency", "Not urgent"),
}
CHANNELS = {
    "meeting": _("a meeting"),
    "call": _("a call"),
    "email": _("e-mail"),
}

# The tone of a badge (CSS class) for each value that carries one.
TONE_CLASSES = {
    "tone": {"negative": "warn", "positive": "ok"},
    "severity": {"critical": "bad", "high": "bad", "medium": "warn", "low": ""},
    "verdict": {"covered": "ok", "not_covered": "bad", "unclear": "warn"},
}

# Severity order used wherever problems or cases are sorted: most severe first.
SEVERITY_RANK = {"critical": 0, "high": 1, "bad": 1, "medium": 2, "warn": 2, "low": 3}


def score_name(score: float | None) -> str:
    """A similarity score (0..1) as words with a percentage, e.g. "Close match · 62 %"."""
    from accord.changes.scope import COVER_THRESHOLD, UNCLEAR_THRESHOLD

    if score is None:
        return "—"
    value = float(score)
    if value >= COVER_THRESHOLD:
        words = _("Close match")
    elif value >= UNCLEAR_THRESHOLD:
        words = _("Partial match")
    else:
        words = _("Weak match")
    return f"{words} · {round(value * 100)} %"


def human(value, kind: str) -> str:
    """The translated name of ``value`` of the given kind; unknown values are shown as given."""
    if value is None or value == "":
        return "—"
    if kind == "score":
        return score_name(value)
    names = {
        "tone": lambda: TONES,
        "urgency": lambda: URGENCIES,
        "channel": lambda: CHANNELS,
        "verdict": _verdicts,
        "severity": _severities,
        "case_status": _case_statuses,
    }
    if kind in SITUATION_KINDS:
        table = _situations()
    elif kind in names:
        table = names[kind]()
    else:
        raise ValueError(f"unknown display kind {kind!r}")
    key = str(value)
    if key in table:
        return str(table[key])
    return key.replace("_", " ").capitalize()


@cache
def _choice_names(field, language: str | None) -> dict:
    """Each choice of a model field and its name in ``language`` (the cache key; the names are
    translated in the active language)."""
    return {value: str(name) for value, name in field.flatchoices}


def choice_name(instance, field_name: str):
    """What ``instance.get_<field_name>_display()`` returns, from a table built once per field
    and language: Django's own translates every choice of the field on each call, which lists of
    many rows pay for."""
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field.attname)
    try:
        return _choice_names(field, get_language()).get(value, value)
    except TypeError:  # an unhashable value (a JSON field's): Django's way
        return getattr(instance, f"get_{field_name}_display")()


def tone_class(value, kind: str) -> str:
    """The badge class (ok, warn, bad or empty) of a value, for colour that matches its meaning."""
    return TONE_CLASSES.get(kind, {}).get(str(value), "")


def severity_rank(severity: str) -> int:
    """Sort key: critical and bad first, unknown severities last."""
    return SEVERITY_RANK.get(severity, 9)
