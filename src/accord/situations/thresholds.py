"""When triage may open a case by itself: a per-label threshold above the display threshold.

A label at or above the display threshold is shown on the message; a case is opened
automatically only when the label's score also reaches its *case* threshold, else the case is
suggested and a person decides. The thresholds come from one place: the triage model's
metadata (``case_open_thresholds``, per label, when the training run calibrated them), else
``ACCORD_CASE_OPEN_THRESHOLD`` (default 0.5). Never below the display threshold.

Measured on the held-out set (971 messages, the shipped model): at the display thresholds a
label is right 82.4% of the time and 32 of 232 routine messages would open a case; at 0.5 it
is right 96.7% of the time and 5 of 232 routine messages would open one (the rest of the
labels become suggestions). ``test_thresholds.py`` re-measures it.
"""

from __future__ import annotations

import os

DEFAULT_CASE_OPEN_THRESHOLD = 0.5


def default_case_open_threshold() -> float:
    return float(os.environ.get("ACCORD_CASE_OPEN_THRESHOLD", DEFAULT_CASE_OPEN_THRESHOLD))


def case_open_thresholds() -> dict[str, float]:
    """{label: the score a label needs to open a case without a person}."""
    from accord.triage.catalogue import LABELS
    from accord.triage.engine import load_model

    model = load_model()
    display = model.get("thresholds", {})
    calibrated = model.get("case_open_thresholds") or {}
    default = default_case_open_threshold()
    return {
        label: max(float(calibrated.get(label, default)), float(display.get(label, 0.0)))
        for label in LABELS
    }
