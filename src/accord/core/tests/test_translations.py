"""Every catalogue shipped is complete and compiled, so the UI works in ru and pl after install."""

from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_catalogues_exist_for_both_languages():
    languages = {path.parts[-3] for path in CATALOGUES}

    assert {"ru", "pl"} <= languages


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_catalogue_is_complete_and_compiled(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    compiled = path.with_suffix(".mo")

    assert untranslated == []
    assert fuzzy == []
    assert compiled.exists()
    translated = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0)
        for entry in catalogue.translated_entries()
    }
    in_binary = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0)
        for entry in polib.mofile(str(compiled))
    }
    assert {key: value for key, value in in_binary.items() if key[1]} == translated
