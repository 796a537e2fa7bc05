"""The label ids of the situation catalogue (spelled exactly; a contract with every consumer)."""

LABELS = (
    "unclear_requirements",
    "deadline_risk",
    "conflict",
    "no_feedback",
    "requirements_change",
    "quality_complaint",
    "payment_issue",
    "collective_complaint",
    "out_of_scope_request",
    "escalation_threat",
)
TONES = ("negative", "neutral", "positive")
URGENCIES = ("high", "normal")
