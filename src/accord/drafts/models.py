from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel


class Draft(WorkspaceOwnedModel):
    """A generated text a member chose to use: stored, then opened in the e-mail form by id, so
    a long draft never travels in a link."""

    class Kind(models.TextChoices):
        DELAY_NOTICE = "delay_notice", _("Delay notice")
        REPLY_CHECK = "reply_check", _("Reply to a reversed agreement")
        SILENCE_LADDER = "silence_ladder", _("Silence ladder step")
        FEEDBACK_REQUEST = "feedback_request", _("Feedback request")
        OTHER = "other", _("Other")

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="drafts")
    contact = models.ForeignKey(
        "clients.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    subject = models.CharField(max_length=500, blank=True)
    body = models.TextField()
    in_reply_to = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_interaction = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject or self.get_kind_display()
