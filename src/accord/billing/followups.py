"""What billing does with a client message once triage has read it."""

from __future__ import annotations


def interaction_triaged(*, interaction, labels: list[str]) -> None:
    from .promises import interaction_payment_followup

    interaction_payment_followup(interaction=interaction, labels=labels)
