"""Channel advice: e-mail, call or meeting, and why (practice §2)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

BACK_AND_FORTH_LIMIT = 3


@dataclass(frozen=True)
class ChannelAdvice:
    channel: str  # "email", "call" or "meeting"
    reason: str


def channel_advice(
    *, severity: str, urgency_high: bool, escalation_threat: bool, unresolved_emails: int
) -> ChannelAdvice:
    if escalation_threat or severity == "critical":
        return ChannelAdvice(
            "meeting",
            _(
                "An escalation threat or a critical case: meet, with the client's decision-maker present."
            ),
        )
    if unresolved_emails > BACK_AND_FORTH_LIMIT:
        return ChannelAdvice(
            "call",
            _("More than %(n)d e-mails back and forth without a solution: call instead.")
            % {"n": BACK_AND_FORTH_LIMIT},
        )
    if urgency_high or severity == "high":
        return ChannelAdvice(
            "call", _("Urgent or serious: a call carries tone and gets agreement faster.")
        )
    return ChannelAdvice(
        "email",
        _("Routine and not urgent: a clear e-mail with context, problem and request is enough."),
    )
