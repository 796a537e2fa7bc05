"""Triage use cases. ``interactions_triage_later`` is the entry the ingestion calls."""

from __future__ import annotations


def interactions_triage_later(*, interaction_ids: list[int]) -> None:
    """Queue triage of new inbound interactions (call inside transaction.on_commit)."""
    # Implemented by the triage integration: enqueue a Huey task per batch.
    return None
