"""One place that hides secrets (one-time client links, tokens) in stored texts and logs."""

from __future__ import annotations

from collections.abc import Iterable

MASK = "…"


def secret_mask(secret: str) -> str:
    """A secret as it may be shown or stored: its first four characters and an ellipsis."""
    secret = secret or ""
    return (secret[:4] + MASK) if len(secret) > 8 else MASK


def secrets_mask(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every occurrence of each secret replaced by :func:`secret_mask`."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, secret_mask(secret))
    return text
