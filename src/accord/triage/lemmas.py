"""Lemma tables for the triage features, cut down to what the training corpus needs.

simplemma's full dictionaries (ru, pl, en) take some 600 MB in memory, far too much for a
classifier that must stay small. At training time we lemmatise every word of the corpus with
simplemma and keep, per language, every dictionary form whose lemma occurs in the corpus: the
model then knows "оплатим" and "оплачено" as the same "оплатить" even when only one form was
seen in training, and classifying never loads simplemma.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CYRILLIC = re.compile(r"[а-яё]")
_POLISH = re.compile(r"[ąćęłńóśźż]")
LANGUAGES = ("ru", "pl", "en")


def token_language(word: str, polish_text: bool) -> str:
    """Cyrillic words are Russian; Latin words are Polish in a text with Polish letters."""
    if _CYRILLIC.search(word):
        return "ru"
    return "pl" if polish_text else "en"


def is_polish_text(text: str) -> bool:
    return bool(_POLISH.search(text))


def build_tables(words_by_language: dict[str, Iterable[str]]) -> dict[str, dict[str, str]]:
    """Per language: the corpus words and all dictionary forms of the corpus lemmas -> lemma."""
    import simplemma
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    dictionaries = DefaultDictionaryFactory()
    tables: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        seen = {
            word: simplemma.lemmatize(word, lang=language).lower()
            for word in sorted(set(words_by_language.get(language, ())))
        }
        lemmas = set(seen.values())
        table = {
            form.lower(): lemma.lower()
            for form, lemma in dictionaries.get_dictionary(language).items()
            if lemma.lower() in lemmas and form.lower() not in seen
        }
        table.update(seen)
        tables[language] = table
    return tables
