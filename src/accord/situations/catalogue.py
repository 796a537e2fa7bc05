"""The situation catalogue: ids are a contract shared by triage, playbooks, API and CLI."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Situation(models.TextChoices):
    UNCLEAR_REQUIREMENTS = "unclear_requirements", _("Unclear requirements")
    DEADLINE_RISK = "deadline_risk", _("Deadline missed or at risk")
    CONFLICT = "conflict", _("Conflict, disagreement")
    NO_FEEDBACK = "no_feedback", _("No feedback from the client")
    REQUIREMENTS_CHANGE = "requirements_change", _("Changing requirements")
    QUALITY_COMPLAINT = "quality_complaint", _("Dissatisfaction with quality")
    PAYMENT_ISSUE = "payment_issue", _("Non-payment")
    COLLECTIVE_COMPLAINT = "collective_complaint", _("Collective complaint")
    OUT_OF_SCOPE_REQUEST = "out_of_scope_request", _("Out-of-scope request")
    ESCALATION_THREAT = "escalation_threat", _("Upset client, threats")


SITUATION_IDS = tuple(Situation.values)
UPSET = {
    "quality_complaint",
    "deadline_risk",
    "conflict",
    "escalation_threat",
    "collective_complaint",
}
DECLINE = {"out_of_scope_request"}
