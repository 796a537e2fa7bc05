"""Splitting a message into the writer's new text, the quoted history and the signature.

Owned by the communication log; the triage engine analyses only ``SplitMessage.new_text``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SplitMessage:
    new_text: str
    quoted_text: str
    signature: str


def split_reply(text: str) -> SplitMessage:
    """Minimal placeholder: '>' lines are quotes. Replaced by the full splitter."""
    new_lines, quoted_lines = [], []
    for line in (text or "").splitlines():
        (quoted_lines if line.lstrip().startswith(">") else new_lines).append(line)
    return SplitMessage("\n".join(new_lines).strip(), "\n".join(quoted_lines).strip(), "")
