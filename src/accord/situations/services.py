"""Case use cases. ``cases_open_from_triage`` is called by triage for each triaged message."""

from __future__ import annotations


def cases_open_from_triage(*, interaction, labels: list[str], tone: str, urgency: str) -> list:
    """Open (or attach to) one case per project and situation; idempotent. Returns the cases."""
    return []
