from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel


class Interaction(WorkspaceOwnedModel):
    """One thing said between the team and a client: an e-mail, a call, a meeting, a chat line."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        CHAT = "chat", _("Chat")
        NOTE = "note", _("Note")

    class Direction(models.TextChoices):
        INBOUND = "in", _("From the client")
        OUTBOUND = "out", _("From the team")

    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
        verbose_name=_("project"),
    )
    client = models.ForeignKey(
        "clients.Client",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
        verbose_name=_("client"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    sender_address = models.CharField(_("sender address"), max_length=320, blank=True)
    sender_name = models.CharField(_("sender name"), max_length=200, blank=True)
    sender_contact = models.ForeignKey(
        "clients.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sent_interactions",
        verbose_name=_("sender (client)"),
    )
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sender (team)"),
    )
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    recipient_contacts = models.ManyToManyField(
        "clients.Contact", blank=True, related_name="received_interactions"
    )
    body_text = models.TextField(_("new text"), blank=True)
    quoted_text = models.TextField(_("quoted history"), blank=True)
    signature = models.TextField(_("signature"), blank=True)
    body_html = models.TextField(_("sanitised HTML"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=500, blank=True, db_index=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=500, blank=True)
    references = models.JSONField(_("References"), default=list, blank=True)
    thread_key = models.CharField(max_length=500, blank=True, db_index=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    raw = models.BinaryField(_("original bytes"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [models.Index(fields=["project", "occurred_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "message_id"],
                condition=~models.Q(message_id=""),
                name="interaction_unique_message_id",
            ),
        ]

    def __str__(self) -> str:
        return self.subject or f"{self.get_channel_display()} {self.occurred_at:%Y-%m-%d}"
