"""Text features: word uni/bi-grams of crude stems plus character n-grams (ru, pl, en)."""

from __future__ import annotations

import re

from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer

_WORD = re.compile(r"[a-zа-яёąćęłńóśźż0-9!?]+", re.IGNORECASE)
NEGATIONS = {
    "не",
    "нет",
    "ни",
    "nie",
    "not",
    "no",
    "never",
    "don't",
    "won't",
    "can't",
    "isn't",
    "без",
    "bez",
}
STEM_LENGTH = 6


def normalise(text: str) -> str:
    return (text or "").lower().replace("ё", "е")


def stem_tokens(text: str) -> list[str]:
    """Prefix stems (good enough for ru/pl inflection) with negation marked on the next word."""
    tokens, negate = [], False
    for word in _WORD.findall(normalise(text)):
        if word in NEGATIONS:
            negate = True
            tokens.append(word)
            continue
        stem = word[:STEM_LENGTH]
        tokens.append(f"NOT_{stem}" if negate else stem)
        negate = False
    return tokens


class FeatureBuilder:
    def __init__(self) -> None:
        self.words = TfidfVectorizer(
            tokenizer=stem_tokens,
            token_pattern=None,
            lowercase=False,
            ngram_range=(1, 2),
            min_df=1,
            sublinear_tf=True,
            max_features=60000,
        )
        self.chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 5),
            min_df=2,
            sublinear_tf=True,
            max_features=80000,
            preprocessor=normalise,
        )

    def fit_transform(self, texts: list[str]):
        return hstack([self.words.fit_transform(texts), self.chars.fit_transform(texts)]).tocsr()

    def transform(self, texts: list[str]):
        return hstack([self.words.transform(texts), self.chars.transform(texts)]).tocsr()
