"""When triage may open a case by itself: a per-label threshold above the display threshold.

A label at or above the display threshold is shown on the message; a case is opened
automatically only when the label's score also reaches its *case* threshold, else the case is
suggested and a person decides. The thresholds come from one place: the triage model's
metadata (``case_open_thresholds``, per label and per reading, chosen by the training run on
out-of-fold predictions of the training part: the lowest calibrated score whose precision's
lower 95% bound reaches 0.95), else ``ACCORD_CASE_OPEN_THRESHOLD`` (default 0.5). Never below
the display threshold. The figures on the held-out split are in ``data/triage/README.md``;
``test_cautious_cases.py`` re-measures them.
"""

from __future__ import annotations

import os

DEFAULT_CASE_OPEN_THRESHOLD = 0.5


def default_case_open_threshold() -> float:
    return float(os.environ.get("ACCORD_CASE_OPEN_THRESHOLD", DEFAULT_CASE_OPEN_THRESHOLD))


def case_open_thresholds(*, model_version: str = "") -> dict[str, float]:
    """{label: the score a label needs to open a case without a person}, for the reading that
    gave the scores (the refined reading's scores have their own thresholds)."""
    from accord.triage.catalogue import LABELS
    from accord.triage.engine import is_refined_version, load_model, path_of

    model = load_model()
    reading = path_of(model, refined=is_refined_version(model_version) and "refined" in model)
    display = reading.get("thresholds", {})
    calibrated = reading.get("case_open_thresholds") or {}
    default = default_case_open_threshold()
    return {
        label: max(float(calibrated.get(label, default)), float(display.get(label, 0.0)))
        for label in LABELS
    }
