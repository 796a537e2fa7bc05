"""Figures on the held-out sets (data/scope, data/reversal); thresholds come from the tuning sets."""

from accord.changes.evaluation import (
    reversal_evaluate,
    reversal_heldout_set,
    reversal_tuning_set,
    scope_evaluate,
    scope_heldout_set,
    scope_tuning_set,
)


def test_heldout_sets_are_large_and_cross_language():
    scope_cases, reversal_cases = scope_heldout_set(), reversal_heldout_set()

    assert len(scope_cases) >= 80 and len(reversal_cases) >= 80
    assert {case.language for case in scope_cases} == {"ru", "pl", "en"}
    assert sum(case.language != case.contract_language for case in scope_cases) >= 30


def test_reversal_matcher_on_heldout_pairs():
    # Measured 0.882 (precision 0.860, recall 0.902); the floors leave a margin of a pair or so.
    scores = reversal_evaluate(reversal_heldout_set())

    assert scores.accuracy >= 0.87 and scores.precision >= 0.84 and scores.recall >= 0.88


def test_scope_check_on_heldout_requests():
    # Measured 0.893 (precision 0.789, recall 1.0 of "not covered"; 0.905 with the triage model
    # before the mixed-language files, 0.893 before the shared concepts, 0.881 before the defect
    # score); the floors leave a margin.
    scores = scope_evaluate(scope_heldout_set())

    assert scores.accuracy >= 0.89 and scores.precision >= 0.78 and scores.recall >= 0.96
    assert min(scores.by_language.values()) >= 0.82


def test_reversal_matcher_on_tuning_pairs():
    # Measured 0.866 (precision 0.905, recall 0.810) on 647 pairs of twenty-four projects: the
    # older 337 at 0.899, the 310 of reversal_pairs_sixth.json at 0.829 (its three parts scored
    # 0.736, 0.600 and 0.600 as they came).
    cases = reversal_tuning_set()
    scores = reversal_evaluate(cases)

    assert len(cases) >= 640
    assert scores.accuracy >= 0.85 and scores.precision >= 0.88 and scores.recall >= 0.79


def test_scope_check_on_tuning_requests():
    # Measured 0.924 on 251 requests of nine contracts (weights fitted on all of them; 0.900
    # with each contract left out of the fit).
    cases = scope_tuning_set()
    scores = scope_evaluate(cases)

    assert len(cases) >= 250
    assert scores.accuracy >= 0.9 and min(scores.by_language.values()) >= 0.85


def test_shipped_scope_weights_are_the_fit_on_the_tuning_sets():
    """The weights scope.py holds are what `accord scope fit` gives today: its last standing is
    the triage model's score, so a retrained triage model needs the weights refitted too."""
    import numpy as np

    from accord.changes.evaluation import scope_fit
    from accord.changes.scope import INTERCEPTS, WEIGHTS

    weights, intercepts, _cross_validated = scope_fit(scope_tuning_set())

    np.testing.assert_allclose(weights, WEIGHTS, atol=2e-3)
    np.testing.assert_allclose(intercepts, INTERCEPTS, atol=2e-3)
