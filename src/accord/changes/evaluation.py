"""Tuning and held-out sets of the scope check and the reversal matcher, fitting and scoring.

Tuning sets (src/accord/changes/tests/fixtures) are what thresholds and weights are fitted on;
held-out sets (data/scope, data/reversal) are only ever scored. See data/scope/README.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .reversal import AgreementText, reversal_candidates
from .scope import VERDICTS, ScopeItemText, scope_check, scope_features

FIXTURES = Path(__file__).resolve().parent / "tests" / "fixtures"
DATA = Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True)
class ScopeCase:
    text: str
    language: str
    contract_language: str
    items: list[ScopeItemText]
    verdict: str


@dataclass(frozen=True)
class ReversalCase:
    message: str
    agreement_id: int
    # Every accepted agreement of the case's project, the contradicted one among them.
    agreements: list[AgreementText]
    contradicts: bool


def _items(values: list[dict]) -> list[ScopeItemText]:
    return [
        ScopeItemText(index, item["title"], "", item["excluded"])
        for index, item in enumerate(values)
    ]


def scope_tuning_set() -> list[ScopeCase]:
    data = json.loads((FIXTURES / "scope_requests.json").read_text())
    contracts = {lang: _items(values) for lang, values in data["contracts"].items()}
    cross = json.loads((FIXTURES / "scope_requests_crosslang.json").read_text())
    return (
        [
            ScopeCase(r["text"], r["lang"], r["lang"], contracts[r["lang"]], r["verdict"])
            for r in data["requests"]
        ]
        + [
            ScopeCase(r["text"], r["lang"], r["contract"], contracts[r["contract"]], r["verdict"])
            for r in cross["requests"]
        ]
        + _scope_cases(json.loads((FIXTURES / "scope_requests_more.json").read_text()))
        + _scope_cases(json.loads((FIXTURES / "scope_requests_extra.json").read_text()))
    )


def _scope_cases(data: dict) -> list[ScopeCase]:
    """Requests against named contracts (``{"contracts": {key: {"lang", "items"}}, "requests"}``)."""
    contracts = data["contracts"]
    return [
        ScopeCase(
            r["text"],
            r["lang"],
            contracts[r["contract"]]["lang"],
            _items(contracts[r["contract"]]["items"]),
            r["verdict"],
        )
        for r in data["requests"]
    ]


def scope_heldout_set() -> list[ScopeCase]:
    contracts = json.loads((DATA / "scope" / "contracts.json").read_text())
    rows = [
        json.loads(line) for line in (DATA / "scope" / "heldout.jsonl").read_text().splitlines()
    ]
    return _scope_cases({"contracts": contracts, "requests": rows})


def _group(key: str) -> str:
    """Agreements of one project share their key's language prefix (ru1..ru4, pl_a..pl_d)."""
    return key[:2]


def _reversal_cases(pairs: list[dict], agreements: dict[str, str]) -> list[ReversalCase]:
    keys = list(agreements)
    return [
        ReversalCase(
            p["message"],
            keys.index(p["agreement"]),
            [
                AgreementText(keys.index(key), text)
                for key, text in agreements.items()
                if _group(key) == _group(p["agreement"])
            ],
            p["contradicts"],
        )
        for p in pairs
    ]


def reversal_tuning_set() -> list[ReversalCase]:
    data = json.loads((FIXTURES / "reversal_pairs.json").read_text())
    cross = json.loads((FIXTURES / "reversal_pairs_crosslang.json").read_text())
    return _reversal_cases(data["pairs"] + cross["pairs"], data["agreements"]) + [
        case
        for name in (
            "reversal_pairs_more.json",
            "reversal_pairs_extra.json",
            "reversal_pairs_late.json",
            "reversal_pairs_wave.json",
            "reversal_pairs_sixth.json",
        )
        for more in [json.loads((FIXTURES / name).read_text())]
        for case in _reversal_cases(more["pairs"], more["agreements"])
    ]


def reversal_heldout_set() -> list[ReversalCase]:
    rows = [
        json.loads(line) for line in (DATA / "reversal" / "heldout.jsonl").read_text().splitlines()
    ]
    agreements = {r["agreement"]: r["agreement_text"] for r in rows}
    return _reversal_cases(rows, agreements)


SCOPE_REGULARISATION = 10.0


def scope_fit(cases: list[ScopeCase]) -> tuple[np.ndarray, np.ndarray, float]:
    """The scope check's weights and intercepts (VERDICTS order) fitted on ``cases``, and the
    accuracy when each tuning contract's requests are scored by a model fitted without them."""
    from sklearn.linear_model import LogisticRegression

    features = np.array([scope_features(case.text, case.items) for case in cases])
    truth = np.array([case.verdict for case in cases])
    contracts = [case.items[0].title for case in cases]

    def fitted(rows):
        model = LogisticRegression(C=SCOPE_REGULARISATION, max_iter=5000)
        return model.fit(features[rows], truth[rows])

    predicted = np.empty(len(cases), dtype=object)
    for contract in sorted(set(contracts)):
        held = np.array([c == contract for c in contracts])
        predicted[held] = fitted(~held).predict(features[held])
    model = fitted(np.ones(len(cases), dtype=bool))
    order = [list(model.classes_).index(verdict) for verdict in VERDICTS]
    return (
        np.round(model.coef_[order], 4),
        np.round(model.intercept_[order], 4),
        round(float(np.mean(predicted == truth)), 3),
    )


@dataclass(frozen=True)
class Scores:
    count: int
    accuracy: float
    precision: float
    recall: float
    by_language: dict[str, float]
    errors: list[str]


def scope_evaluate(cases: list[ScopeCase], *, flagged: str = "not_covered") -> Scores:
    """Accuracy over the three verdicts; precision and recall of ``flagged`` (a request the
    contract does not cover is the one a manager must not miss); accuracy per request language."""
    predicted = [scope_check(case.text, case.items).verdict for case in cases]
    return _scores(
        [p == flagged for p in predicted],
        [case.verdict == flagged for case in cases],
        [p == case.verdict for p, case in zip(predicted, cases, strict=True)],
        [case.language for case in cases],
        [
            f"{case.verdict} -> {p}: {case.text}"
            for p, case in zip(predicted, cases, strict=True)
            if p != case.verdict
        ],
    )


def reversal_evaluate(cases: list[ReversalCase]) -> Scores:
    """Whether the matcher names the case's agreement among the project's accepted ones."""
    found = [
        any(
            m.agreement_id == case.agreement_id
            for m in reversal_candidates(case.message, case.agreements)
        )
        for case in cases
    ]
    return _scores(
        found,
        [case.contradicts for case in cases],
        [f == case.contradicts for f, case in zip(found, cases, strict=True)],
        ["" for _ in cases],
        [
            f"{case.contradicts} -> {f}: {case.message}"
            for f, case in zip(found, cases, strict=True)
            if f != case.contradicts
        ],
    )


def _scores(predicted, truth, correct, languages, errors) -> Scores:
    true_positives = sum(p and t for p, t in zip(predicted, truth, strict=True))
    by_language = {
        language: round(
            sum(c for c, lang in zip(correct, languages, strict=True) if lang == language)
            / languages.count(language),
            3,
        )
        for language in sorted(set(languages))
        if language
    }
    return Scores(
        count=len(correct),
        accuracy=round(sum(correct) / len(correct), 3),
        precision=round(true_positives / max(1, sum(predicted)), 3),
        recall=round(true_positives / max(1, sum(truth)), 3),
        by_language=by_language,
        errors=errors,
    )


__all__ = [
    "ReversalCase",
    "ScopeCase",
    "Scores",
    "reversal_evaluate",
    "reversal_heldout_set",
    "reversal_tuning_set",
    "scope_evaluate",
    "scope_fit",
    "scope_heldout_set",
    "scope_tuning_set",
]
