"""Scope check: does the contract cover what the client asks for? (plain Python)"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textmatch import similarity

COVERED, NOT_COVERED, UNCLEAR = "covered", "not_covered", "unclear"
COVER_THRESHOLD = 0.4
UNCLEAR_THRESHOLD = 0.2
# Words that ask for more of something the contract has: more of an in-scope item is not plainly covered.
EXTENSION_CUES = re.compile(
    r"\b(ещ[её]|также|дополнительн\w*|втор\w+|кроме того|"
    r"jeszcze|także|takze|dodatkow\w*|drug\w+|obok|też|tez|również|rowniez|"
    r"also|as well|another|second|not only|additional|extra|too)\b",
    re.IGNORECASE,
)


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


def scope_check(request: str, items: list[ScopeItemText], limit: int = 3) -> ScopeVerdict:
    """Covered when an in-scope item matches clearly; not covered when an excluded item matches
    at least as well, or nothing matches; unclear in between."""
    matches = sorted(
        (
            ScopeMatch(
                item.id,
                item.title,
                item.excluded,
                max(
                    similarity(request, item.title),
                    similarity(request, f"{item.title} {item.description}"),
                ),
            )
            for item in items
        ),
        key=lambda match: match.score,
        reverse=True,
    )
    best_in = next((m.score for m in matches if not m.excluded), 0.0)
    best_out = next((m.score for m in matches if m.excluded), 0.0)
    if best_out >= UNCLEAR_THRESHOLD and best_out >= best_in:
        verdict = NOT_COVERED
    elif best_in >= COVER_THRESHOLD and not EXTENSION_CUES.search(request):
        verdict = COVERED
    elif best_in >= UNCLEAR_THRESHOLD:
        verdict = UNCLEAR
    else:
        verdict = NOT_COVERED
    return ScopeVerdict(verdict, matches[:limit])
