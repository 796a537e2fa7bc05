"""Scope check: does the contract cover what the client asks for? (ru, pl, en, across languages)

The request is compared with every scope item by the multilingual encoder (so synonyms and other
languages match) and by stemmed words or shared concepts (concepts.json: the same thing named in
ru, pl or en), so names and exact terms weigh. e5's cosines are compressed
(about 0.75..0.95 for anything), so a cosine means something only against others: the request is
also compared with a list of kinds of work clients often ask for (other_work.json). An item that
does not beat that other work is not evidence that the contract covers the request: this is how
"an export of orders for accounting" stays uncovered by "Supplier account", though the words share
a stem. A small linear model over these standings, fitted on the tuning sets only
(``accord scope fit``; src/accord/changes/tests/fixtures/scope_requests*.json), gives the verdict.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from accord.textkit import encoder

from .textmatch import word_or_concept_share

COVERED, NOT_COVERED, UNCLEAR = "covered", "not_covered", "unclear"
VERDICTS = (COVERED, NOT_COVERED, UNCLEAR)
OTHER_WORK = Path(__file__).with_name("other_work.json")
OTHER_WORK_VECTORS = Path(__file__).with_name("other_work.npz")
# Other work this close to a contract item (passage cosine) is that item, not other work.
DUPLICATE_COSINE = 0.86
# An item's shared words count only when the encoder puts the item at least this close to the
# request compared with the nearest other work (0: at least as close).
LEXICAL_TRUST_MARGIN = 0.0
# How a shown score reads (accord.core.display.score_name): "close" and "partial" match from here.
COVER_THRESHOLD = 0.4
UNCLEAR_THRESHOLD = 0.2
# Words that ask for more of something the contract has: more of an in-scope item is not plainly covered.
EXTENSION_CUES = re.compile(
    r"\b(ещ[её]|также|дополнительн\w*|втор\w+|кроме того|"
    r"jeszcze|także|takze|dodatkow\w*|drug\w+|obok|też|tez|również|rowniez|"
    r"also|as well|another|second|not only|additional|extra|too)\b",
    re.IGNORECASE,
)
FEATURES = (
    "in_standing",  # best in-scope cosine against the spread of other work (z-score)
    "out_standing",  # the same for the best excluded item
    "in_over_out",  # best in-scope minus best excluded cosine (x20)
    "in_over_other",  # best in-scope minus nearest other work (x20)
    "out_over_other",  # best excluded minus nearest other work (x20)
    "in_words",  # shared words with the best in-scope item (when the encoder agrees)
    "out_words",  # the same for excluded items
    "extension",  # "also", "another", "ещё", "jeszcze"...
    "in_over_mean",  # best in-scope minus the mean of all items (x20)
    "other_words",  # shared words with the nearest-worded other work
    "defect",  # the triage's quality_complaint probability: a fault in delivered work
)
# Fitted by `accord scope fit` on the tuning sets (multinomial logistic regression, C=10);
# one row per verdict in VERDICTS order. Refit when the triage model is retrained: the last
# feature is its score.
WEIGHTS = np.array(
    [
        [
            0.0297,
            -0.4496,
            -0.3437,
            -0.3305,
            0.0132,
            2.5183,
            -1.5338,
            -1.4805,
            1.7561,
            -1.3863,
            3.2679,
        ],
        [
            0.1536,
            -0.3235,
            -1.3053,
            -0.4243,
            0.881,
            -2.7129,
            2.6027,
            -2.6663,
            -0.7741,
            0.7582,
            -2.912,
        ],
        [-0.1833, 0.7731, 1.649, 0.7548, -0.8942, 0.1946, -1.0689, 4.1469, -0.982, 0.6281, -0.3559],
    ]
)
INTERCEPTS = np.array([-0.6749, 3.4343, -2.7594])


@dataclass(frozen=True)
class ScopeItemText:
    id: int
    title: str
    description: str = ""
    excluded: bool = False


@dataclass(frozen=True)
class ScopeMatch:
    item_id: int
    title: str
    excluded: bool
    score: float


@dataclass(frozen=True)
class ScopeVerdict:
    verdict: str
    matches: list[ScopeMatch]


def _digest(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()


@cache
def other_work() -> tuple[tuple[str, ...], np.ndarray]:
    """The other kinds of work and their passage vectors: from other_work.npz when it was made
    from the same texts (`accord scope fit --vectors` writes it), else embedded now (seconds)."""
    rows = json.loads(OTHER_WORK.read_text())["items"]
    texts = [text for row in rows for text in row]
    if OTHER_WORK_VECTORS.exists():
        stored = np.load(OTHER_WORK_VECTORS)
        if str(stored["digest"]) == _digest(texts) and stored["vectors"].shape[0] == len(texts):
            return tuple(texts), stored["vectors"].astype(np.float32)
    return tuple(texts), encoder.embed(texts, "passage")


def other_work_vectors_write() -> Path:
    texts = [text for row in json.loads(OTHER_WORK.read_text())["items"] for text in row]
    vectors = encoder.embed(texts, "passage")
    np.savez(OTHER_WORK_VECTORS, vectors=vectors, digest=np.array(_digest(texts)))
    other_work.cache_clear()
    return OTHER_WORK_VECTORS


@dataclass(frozen=True)
class _Standing:
    features: np.ndarray
    scores: np.ndarray  # one per item, 0..1, for showing


def _lexical(request: str, item: ScopeItemText) -> float:
    if not item.description:
        return word_or_concept_share(request, item.title)
    return max(
        word_or_concept_share(request, item.title),
        word_or_concept_share(request, f"{item.title} {item.description}"),
    )


def _defect_probability(request: str) -> float:
    """How surely the request reports a fault (the triage's refined quality_complaint score).

    A fault in something the contract has is covered work even when its words sit far from the
    item's title ("guests don't get the booking e-mail" against "Booking confirmations"): with
    it, the accuracy with each tuning contract left out went from 0.853 to 0.892. The triage
    reads the request with the same encoder vector (kept in the encoder's cache), so it adds the
    TF-IDF views and the label models only."""
    from accord.triage.engine import classify_many

    return classify_many([request], with_evidence=False, refined=True)[0].scores[
        "quality_complaint"
    ]


def _standing(request: str, items: list[ScopeItemText]) -> _Standing:
    other_texts, other_vectors = other_work()
    vectors = encoder.embed([item.title for item in items], "passage")
    query = encoder.embed([request], "query")[0]
    cosines = vectors @ query
    other = other_vectors @ query
    # Other work that repeats a contract item is left out: it would compete with the item itself.
    distinct = (other_vectors @ vectors.T).max(axis=1) < DUPLICATE_COSINE
    nearest_other = float(other[distinct].max()) if distinct.any() else float(other.min())
    other_words = max(
        (
            word_or_concept_share(request, text)
            for text, keep in zip(other_texts, distinct, strict=True)
            if keep
        ),
        default=0.0,
    )
    mean, spread = float(other.mean()), float(other.std()) or 1.0
    lexical = np.array([_lexical(request, item) for item in items])
    trusted = np.where(cosines >= nearest_other - LEXICAL_TRUST_MARGIN, lexical, 0.0)
    excluded = np.array([item.excluded for item in items])
    included = ~excluded
    best_in = float(cosines[included].max()) if included.any() else None
    best_out = float(cosines[excluded].max()) if excluded.any() else None
    # A contract without excluded items (or without included ones) gets the missing side a little
    # below the other, as the fit saw it.
    if best_out is None:
        best_out = best_in - 0.05
    if best_in is None:
        best_in = best_out - 0.05
    features = np.array(
        [
            (best_in - mean) / spread,
            (best_out - mean) / spread,
            (best_in - best_out) * 20,
            (best_in - nearest_other) * 20,
            (best_out - nearest_other) * 20,
            float(trusted[included].max()) if included.any() else 0.0,
            float(trusted[excluded].max()) if excluded.any() else 0.0,
            1.0 if EXTENSION_CUES.search(request) else 0.0,
            (best_in - float(cosines.mean())) * 20,
            other_words,
            _defect_probability(request),
        ]
    )
    # Shown next to each item: how far it stands above the other work, or its shared words.
    standing = np.clip((cosines - mean) / max(1e-6, 1.0 - mean), 0.0, 1.0)
    return _Standing(features, np.round(np.maximum(standing, trusted), 4))


def scope_features(request: str, items: list[ScopeItemText]) -> np.ndarray:
    """The model's inputs for a request and a contract's items (FEATURES order)."""
    return _standing(request, items).features


def scope_check(request: str, items: list[ScopeItemText], limit: int = 3) -> ScopeVerdict:
    """Covered, not covered (an excluded item or other work fits the request better, or nothing
    fits) or unclear (more of an in-scope item, or no clear winner)."""
    request = " ".join((request or "").split())
    if not items or not request:
        return ScopeVerdict(NOT_COVERED, [])
    standing = _standing(request, items)
    logits = WEIGHTS @ standing.features + INTERCEPTS
    verdict = VERDICTS[int(np.argmax(logits))]
    matches = sorted(
        (
            ScopeMatch(item.id, item.title, item.excluded, float(score))
            for item, score in zip(items, standing.scores, strict=True)
        ),
        key=lambda match: match.score,
        reverse=True,
    )
    return ScopeVerdict(verdict, matches[:limit])
