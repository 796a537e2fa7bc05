"""Lexical similarity for ru, pl and en without embeddings: stemmed words and character n-grams,
and shared concepts across the three languages (concepts.json)."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

CONCEPTS = Path(__file__).with_name("concepts.json")

_WORD = re.compile(r"[a-zа-яёąćęłńóśźż0-9]+", re.IGNORECASE)
STOPWORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "is",
    "are",
    "be",
    "we",
    "you",
    "it",
    "this",
    "that",
    "please",
    "can",
    "could",
    "would",
    "our",
    "your",
    "us",
    "from",
    "at",
    "as",
    "not",
    "no",
    "do",
    "does",
    "need",
    "needs",
    "want",
    "also",
    "just",
    "some",
    "any",
    "all",
    "new",
    "more",
    "и",
    "в",
    "на",
    "с",
    "по",
    "для",
    "к",
    "о",
    "от",
    "до",
    "из",
    "за",
    "не",
    "да",
    "это",
    "как",
    "что",
    "мы",
    "вы",
    "нам",
    "вам",
    "нас",
    "наш",
    "ваш",
    "пожалуйста",
    "можно",
    "нужно",
    "надо",
    "бы",
    "ли",
    "или",
    "также",
    "ещё",
    "еще",
    "уже",
    "все",
    "всё",
    "так",
    "же",
    "который",
    "которые",
    "чтобы",
    "будет",
    "было",
    "есть",
    "i",
    "w",
    "na",
    "z",
    "dla",
    "o",
    "od",
    "po",
    "za",
    "nie",
    "tak",
    "jak",
    "co",
    "my",
    "wy",
    "nam",
    "wam",
    "nasz",
    "wasz",
    "proszę",
    "prosze",
    "można",
    "mozna",
    "trzeba",
    "czy",
    "lub",
    "także",
    "takze",
    "jeszcze",
    "już",
    "juz",
    "wszystko",
    "który",
    "które",
    "żeby",
    "zeby",
    "będzie",
    "jest",
    "są",
    "sa",
    "się",
    "sie",
}


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A crude stem good enough for matching: the first five letters of longer words."""
    word = word.lower().replace("ё", "е")
    return word[:5] if len(word) > 5 else word


def stems(text: str) -> list[str]:
    return [
        stem(word)
        for word in _WORD.findall(text or "")
        if word.lower() not in STOPWORDS and len(word) > 1
    ]


def _grams(text: str) -> set[str]:
    grams: set[str] = set()
    for token in stems(text):
        padded = f" {token} "
        grams.update(padded[i : i + 4] for i in range(max(1, len(padded) - 3)))
    return grams


def similarity(left: str, right: str) -> float:
    """How much of ``right`` (a scope item, an agreement) the text ``left`` talks about, 0..1."""
    right_stems, left_stems = set(stems(right)), set(stems(left))
    if not right_stems or not left_stems:
        return 0.0
    word_share = len(right_stems & left_stems) / len(right_stems)
    left_grams, right_grams = _grams(left), _grams(right)
    gram_share = len(left_grams & right_grams) / max(1, len(right_grams))
    return round(0.5 * word_share + 0.5 * gram_share, 4)


@cache
def _concept_index() -> dict[str, frozenset[str]]:
    """Stem -> the concepts (concepts.json: {"concept": {"ru": [...], "pl": [...], "en": [...]}})
    whose words have that stem."""
    index: dict[str, set[str]] = {}
    for concept, languages in json.loads(CONCEPTS.read_text(encoding="utf-8")).items():
        for words in languages.values():
            for word in words:
                index.setdefault(stem(word), set()).add(concept)
    return {key: frozenset(value) for key, value in index.items()}


def concepts(text: str) -> set[str]:
    """The concepts ``text`` names, in whichever of the three languages it is written."""
    index = _concept_index()
    return {concept for token in stems(text) for concept in index.get(token, ())}


def concept_share(left: str, right: str) -> float:
    """How many of the concepts of ``right`` the text ``left`` names too, 0..1: the words need
    not be the same or in the same language ("eksport faktur" names two of "Выгрузка счетов")."""
    wanted = concepts(right)
    if not wanted:
        return 0.0
    return round(len(wanted & concepts(left)) / len(wanted), 4)


def word_or_concept_share(left: str, right: str) -> float:
    """``similarity`` or ``concept_share``, whichever is more: shared words in one language, or
    the same things named in any of the three."""
    return max(similarity(left, right), concept_share(left, right))
