"""Every text Accord sends or shows to a client, in ru, pl and en: the right language only,
the locale's number and date formats, nothing internal, no raw ids, no doubled punctuation.

Golden files under ``golden/`` hold each text as rendered; read them when they change.
Regenerate with ``ACCORD_UPDATE_GOLDEN=1 make test-sqlite PYTEST_ARGS=tests/texts``.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from unittest import mock

import polib
import pytest

from .world import NOW, build_world, render_all, strip_links

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).resolve().parent / "golden"
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "accord"
LANGUAGES = ("ru", "pl", "en")
TYPES = (
    "agenda_email",
    "ics",
    "minutes",
    "delay_notice",
    "change_request_email",
    "change_request_page",
    "five_step_draft",
    "polite_no_draft",
    "silence_step_1",
    "silence_step_2",
    "silence_step_3",
    "survey_milestone_email",
    "survey_case_email",
    "survey_page",
    "status_report_html",
    "status_report_pdf",
    "status_report_email",
    "dunning_reminder",
    "dunning_plan_proposal",
    "dunning_formal_notice",
    "dunning_handover",
)
# The PDF's lines wrap where the machine's fonts put them: its golden file is the HTML one (the
# same report word for word); every other check reads the PDF's own text.
GOLDEN_TYPES = tuple(kind for kind in TYPES if kind != "status_report_pdf")
NBSP = "\u00a0"
# Words that are Polish as much as English (or names every language writes alike).
SHARED_WORDS = {
    "agenda",
    "plan",
    "status",
    "link",
    "demo",
    "mail",
    "e-mail",
    "email",
    "accord",
    "sp",
    "z",
    "o",
    "ryzyka",
    "start",
    "problem",
    # Polish has the same word ("import danych"); the Money page's "Import" made it a UI word.
    "import",
    # "Data" is Polish for "date" (the status report chart's axis); PDF is written alike.
    "data",
    "pdf",
}


@cache
def ui_english_words() -> frozenset[str]:
    """Every English word of the UI catalogue (the msgids of the shipped .po files)."""
    words: set[str] = set()
    for path in PACKAGE.glob("*/locale/ru/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            text = re.sub(r"%\(\w+\)\w|\{\{?\s*\w+\s*\}?\}|<[^>]+>", " ", entry.msgid)
            words.update(word.lower() for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text))
    return frozenset(word for word in words if len(word) >= 3)


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """All texts of all three worlds, rendered once with the clock fixed."""
    from django.db import transaction

    results = {}
    with django_db_blocker.unblock(), mock.patch("django.utils.timezone.now", return_value=NOW):
        for language in LANGUAGES:
            try:
                with transaction.atomic():
                    world = build_world(language)
                    results[language] = (world, render_all(world))
                    transaction.set_rollback(True)
            finally:
                pass
    return results


def _latin_words(text: str) -> list[str]:
    """Words written only in plain Latin letters ("listę" is Polish, not "list")."""
    words = re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", strip_links(text))
    return [word.lower() for word in words if word.isascii()]


@pytest.mark.parametrize("language", ("ru", "pl"))
@pytest.mark.parametrize("kind", TYPES)
def test_no_english_ui_word_in_a_russian_or_polish_text(rendered, language, kind):
    _world, texts = rendered[language]
    text = texts[kind]
    if kind == "ics":
        text = text.split("DESCRIPTION:", 1)[1] + text.split("\n", 1)[0].split(":", 1)[1]
    english = ui_english_words() - SHARED_WORDS
    found = sorted({word for word in _latin_words(text) if word in english})
    assert found == [], f"{kind}.{language}: {found}\n{text}"
    if language == "ru":
        # A Russian text has no Latin words at all beyond links, addresses and "CR-" numbers.
        assert {w for w in _latin_words(text) if w not in {"cr", "re", "pdf"}} == set(), text


@pytest.mark.parametrize("kind", TYPES)
def test_english_text_has_no_russian_or_polish(rendered, kind):
    _world, texts = rendered["en"]
    assert not re.search(r"[А-Яа-яЁёąćęłńóśźżĄĆĘŁŃÓŚŹŻ]", texts[kind]), texts[kind]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", TYPES)
def test_nothing_internal_and_no_raw_ids(rendered, language, kind):
    world, texts = rendered[language]
    text = texts[kind]
    leaks = [word for word in world.internal if word.lower() in text.lower()]
    assert leaks == [], f"{kind}.{language} leaks {leaks}:\n{text}"
    # Triage scores, ids and template leftovers.
    assert not re.search(r"\b0[.,]\d{2,}\b", text), text
    assert not re.search(r"\b(id|pk)\s*[:=#]?\s*\d+", text, re.IGNORECASE), text
    for record in (world.project, world.meeting, world.milestone, world.agreement):
        assert f"#{record.pk}" not in text and f"/{record.pk}/" not in text
    assert "None" not in text and "{" not in text and "}" not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", TYPES)
def test_no_doubled_punctuation(rendered, language, kind):
    text = rendered[language][1][kind]
    if kind.startswith("status_report"):
        # The report marks each commitment "○" open or "!" overdue at the start of its line.
        text = re.sub(r"^[○!] ", "", text, flags=re.MULTILINE)
    for pattern in (r"(?<!\.)\.\s*\.(?!\.)", r",\s*,", r"\s[,.;:!?](?=\s|$)", r"[!?]\.", r"::"):
        match = re.search(pattern, text, re.MULTILINE)
        assert match is None, (
            f"{kind}.{language}: {pattern!r} at {text[max(0, match.start() - 40) : match.end() + 40]!r}"
        )
    assert "Re: Re:" not in text and "Re: Odp:" not in text and "Re: RE:" not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", TYPES)
def test_no_hedged_grammar_in_the_greeting(rendered, language, kind):
    """The contact's gender is not recorded: no "Уважаемый(ая)", "принял(а)" or a name glued to
    "Szanowni Państwo"; the texts are worded so that they need none."""
    text = rendered[language][1][kind]
    assert not re.search(r"[а-яё]\((а|ая|ый|ой|о)\)", text), text
    assert not re.search(r"Szanowni Państwo, \w", text), text


EXPECTED_FORMATS = {
    "ru": {
        "agenda_email": ["26 октября 2026, 10:00", f"1{NBSP}ч 30{NBSP}мин", "13 октября 2026"],
        "ics": ["2026-10-26T10:00:00+01:00 (Europe/Warsaw)", "13 октября 2026"],
        "minutes": ["26 октября 2026, 10:00", "29 октября 2026", "28 октября 2026"],
        "delay_notice": ["30 октября 2026", f"13{NBSP}дней"],
        "change_request_email": [f"140{NBSP}000,00{NBSP}₽", f"40{NBSP}ч", f"7{NBSP}дней"],
        "change_request_page": [f"140{NBSP}000,00{NBSP}₽", f"40{NBSP}ч"],
        "five_step_draft": ["октября 2026"],
        "polite_no_draft": [f"3{NBSP}500,00{NBSP}₽"],
        "silence_step_1": ["12 октября 2026", "22 октября 2026"],
        "silence_step_2": ["12 октября 2026", "22 октября 2026"],
        "silence_step_3": ["12 октября 2026", "22 октября 2026"],
        "survey_milestone_email": ["19 октября 2026", "3 ноября 2026"],
        "survey_case_email": ["3 ноября 2026"],
        "survey_page": ["3 ноября 2026"],
        "status_report_html": ["14 октября 2026 – 20 октября 2026", "12 ноября 2026"],
        "status_report_pdf": ["14 октября 2026 – 20 октября 2026", "12 ноября 2026"],
        "status_report_email": ["14 октября 2026 – 20 октября 2026"],
        "dunning_reminder": [f"120{NBSP}000,00{NBSP}₽", "15 сентября 2026", "29 сентября 2026"],
        "dunning_plan_proposal": [f"60{NBSP}000,00{NBSP}₽", "3 ноября 2026", "1 декабря 2026"],
        "dunning_formal_notice": [f"120{NBSP}000,00{NBSP}₽", "27 октября 2026", "17/2026"],
        "dunning_handover": [f"120{NBSP}000,00{NBSP}₽", "29 сентября 2026"],
    },
    "pl": {
        "agenda_email": ["26 października 2026, 10:00", f"1{NBSP}godz. 30{NBSP}min"],
        "ics": ["2026-10-26T10:00:00+01:00 (Europe/Warsaw)", "13 października 2026"],
        "minutes": ["26 października 2026, 10:00", "29 października 2026"],
        "delay_notice": ["30 października 2026", f"13{NBSP}dni"],
        "change_request_email": [f"14{NBSP}000,00{NBSP}zł", f"40{NBSP}godz.", f"7{NBSP}dni"],
        "change_request_page": [f"14{NBSP}000,00{NBSP}zł", f"40{NBSP}godz."],
        "five_step_draft": ["października 2026"],
        "polite_no_draft": ["350,00\u00a0zł"],
        "silence_step_1": ["12 października 2026", "22 października 2026"],
        "silence_step_2": ["12 października 2026", "22 października 2026"],
        "silence_step_3": ["12 października 2026", "22 października 2026"],
        "survey_milestone_email": ["19 października 2026", "3 listopada 2026"],
        "survey_case_email": ["3 listopada 2026"],
        "survey_page": ["3 listopada 2026"],
        "status_report_html": ["14 października 2026 – 20 października 2026"],
        "status_report_pdf": ["14 października 2026 – 20 października 2026"],
        "status_report_email": ["14 października 2026 – 20 października 2026"],
        "dunning_reminder": [f"12{NBSP}000,00{NBSP}zł", "15 września 2026", "29 września 2026"],
        "dunning_plan_proposal": [f"6{NBSP}000,00{NBSP}zł", "3 listopada 2026", "1 grudnia 2026"],
        "dunning_formal_notice": [f"12{NBSP}000,00{NBSP}zł", "27 października 2026", "17/2026"],
        "dunning_handover": [f"12{NBSP}000,00{NBSP}zł", "29 września 2026"],
    },
    "en": {
        "agenda_email": ["October 26, 2026, 10:00\u202fAM", f"1{NBSP}h 30{NBSP}min"],
        "ics": ["2026-10-26T10:00:00+01:00 (Europe/Warsaw)", "October 13, 2026"],
        "minutes": ["October 26, 2026, 10:00\u202fAM", "October 29, 2026"],
        "delay_notice": ["October 30, 2026", f"13{NBSP}days"],
        "change_request_email": ["$3,800.00", f"40{NBSP}h", f"7{NBSP}days"],
        "change_request_page": ["$3,800.00", f"40{NBSP}h"],
        "five_step_draft": ["2026"],
        "polite_no_draft": ["$95.00"],
        "silence_step_1": ["October 12, 2026", "October 22, 2026"],
        "silence_step_2": ["October 12, 2026", "October 22, 2026"],
        "silence_step_3": ["October 12, 2026", "October 22, 2026"],
        "survey_milestone_email": ["October 19, 2026", "November 3, 2026"],
        "survey_case_email": ["November 3, 2026"],
        "survey_page": ["November 3, 2026"],
        "status_report_html": ["October 14, 2026 – October 20, 2026", "November 12, 2026"],
        "status_report_pdf": ["October 14, 2026 – October 20, 2026", "November 12, 2026"],
        "status_report_email": ["October 14, 2026 – October 20, 2026"],
        "dunning_reminder": ["$3,000.00", "September 15, 2026", "September 29, 2026"],
        "dunning_plan_proposal": ["$1,500.00", "November 3, 2026", "December 1, 2026"],
        "dunning_formal_notice": ["$3,000.00", "October 27, 2026", "17/2026"],
        "dunning_handover": ["$3,000.00", "September 29, 2026"],
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", TYPES)
def test_locale_number_and_date_formats(rendered, language, kind):
    text = rendered[language][1][kind]
    # A PDF wraps its lines anywhere; the dates are read across the wraps.
    unwrapped = re.sub(r"[ \n]+", " ", text) if kind == "status_report_pdf" else text
    for expected in EXPECTED_FORMATS[language][kind]:
        assert expected in unwrapped, f"{kind}.{language}: {expected!r} missing in\n{text}"
    body = text.split("DTEND:", 1)[1] if kind == "ics" else text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", body), text
    assert not re.search(r"\d+\.\d+\s*(h|ч|godz)\b", text), text
    assert not re.search(r"\d[\d\s]*[.,]\d\d\s?(RUB|PLN|USD|EUR)\b", text), text
    assert not re.search(r"\d{4,}[.,]\d\d", text), f"no thousands separator in\n{text}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", GOLDEN_TYPES)
def test_golden_file(rendered, language, kind):
    text = rendered[language][1][kind].replace(NBSP, "\u00a0") + "\n"
    path = GOLDEN / f"{kind}.{language}.txt"
    if os.environ.get("ACCORD_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: run with ACCORD_UPDATE_GOLDEN=1 and read it"
    assert text == path.read_text(encoding="utf-8")


def test_one_promised_date_on_every_page_and_draft(rendered):
    """The date a person accepted is the one the delay notice, the apology draft, the forecast
    page and the project page show."""
    from accord.core.formatting import format_date

    world, texts = rendered["pl"]
    promised = format_date(world.milestone.forecast_date, "pl")
    assert promised in texts["delay_notice"]
    assert promised in texts["five_step_draft"]
