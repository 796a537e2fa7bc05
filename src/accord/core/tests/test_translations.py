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
        (entry.msgctxt or None, entry.msgid): _translations(entry)
        for entry in catalogue.translated_entries()
    }
    in_binary = {
        (entry.msgctxt or None, entry.msgid): _translations(entry)
        for entry in polib.mofile(str(compiled))
    }
    assert {key: value for key, value in in_binary.items() if key[1]} == translated


def _translations(entry: polib.POEntry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return (entry.msgstr,)


@pytest.mark.parametrize("language", ["ru", "pl"])
def test_one_english_text_has_one_translation_across_apps(language):
    """Django merges the apps' catalogues and the first app wins, so a second wording never shows."""
    seen: dict[tuple[str | None, str], tuple[str, tuple[str, ...]]] = {}
    conflicts = []
    for path in CATALOGUES:
        if path.parts[-3] != language:
            continue
        app = path.parts[-5]
        for entry in polib.pofile(str(path)).translated_entries():
            key = (entry.msgctxt or None, entry.msgid)
            wording = _translations(entry)
            if key not in seen:
                seen[key] = (app, wording)
            elif seen[key][1] != wording:
                first_app, first_wording = seen[key]
                conflicts.append(f"{key!r}: {first_app}={first_wording!r} {app}={wording!r}")

    assert conflicts == []


PLURAL_FORMS = {
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "pl": (
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_catalogue_header_names_its_language_and_plural_forms(path):
    language = path.parts[-3]
    metadata = polib.pofile(str(path)).metadata

    assert metadata.get("Language") == language
    assert metadata.get("Plural-Forms") == PLURAL_FORMS[language]
