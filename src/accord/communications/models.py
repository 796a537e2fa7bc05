from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import WorkspaceOwnedModel
from accord.core.work import DurableWork, WorkState


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
    source = models.CharField(_("imported from"), max_length=300, blank=True)
    parse_warnings = models.JSONField(_("parsing notes"), default=list, blank=True)
    # Durable triage state of inbound messages (accord.core.work, prefix "triage_"): pending from
    # the moment the message is stored, so a crash of the import or of the consumer loses nothing.
    triage_state = models.CharField(
        _("triage"), max_length=10, choices=WorkState.choices, blank=True, default=""
    )
    triage_attempts = models.PositiveIntegerField(default=0, editable=False)
    triage_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    triage_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    triage_claim = models.CharField(max_length=32, blank=True, editable=False)
    triage_error = models.TextField(_("triage failure"), blank=True)
    triage_done_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["project", "occurred_at"]),
            models.Index(fields=["triage_state"], name="interaction_triage_state"),
            # Unanswered client messages (after the team's last one) per project.
            models.Index(
                fields=["project", "direction", "occurred_at"], name="interaction_project_dir_time"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "message_id"],
                condition=~models.Q(message_id=""),
                name="interaction_unique_message_id",
            ),
        ]

    def __str__(self) -> str:
        return self.subject or f"{self.get_channel_display()} {self.occurred_at:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        if (
            self._state.adding
            and self.direction == self.Direction.INBOUND
            and not self.triage_state
        ):
            self.triage_state = WorkState.PENDING
        super().save(*args, **kwargs)

    @property
    def delivery(self) -> OutgoingEmail | None:
        """The outbox entry of an e-mail Accord sent (None for everything else)."""
        try:
            return self.outgoing
        except OutgoingEmail.DoesNotExist:
            return None


def attachment_path(instance, filename: str) -> str:
    return f"attachments/{instance.workspace_id}/{instance.interaction_id}/{filename}"


class Attachment(models.Model):
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    file = models.FileField(_("file"), upload_to=attachment_path, blank=True)
    truncated = models.BooleanField(_("above the size cap"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


class QuarantinedMessage(WorkspaceOwnedModel):
    """A message that could not be imported, with its original bytes and the reason."""

    raw = models.BinaryField(_("original bytes"), editable=False)
    content_hash = models.CharField(max_length=64)
    source = models.CharField(_("imported from"), max_length=300, blank=True)
    reason = models.TextField(_("reason"))
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    resolved_interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quarantined message")
        verbose_name_plural = _("quarantined messages")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "content_hash"], name="quarantine_unique_content"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source or 'message'}: {self.reason[:60]}"


class Mailbox(WorkspaceOwnedModel):
    """An IMAP mailbox Accord fetches from incrementally (UIDVALIDITY + last UID)."""

    name = models.CharField(_("name"), max_length=120)
    host = models.CharField(_("IMAP host"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    use_tls = models.BooleanField(_("TLS"), default=True)
    username = models.CharField(_("user"), max_length=255)
    password_encrypted = models.TextField(blank=True, editable=False)
    password_env = models.CharField(
        _("password from environment variable"),
        max_length=120,
        blank=True,
        help_text=_("Name of an environment variable holding the password, instead of storing it."),
    )
    folder = models.CharField(_("folder"), max_length=255, default="INBOX")
    is_active = models.BooleanField(_("fetch automatically"), default=True)
    uid_validity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    last_fetched_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")

    def __str__(self) -> str:
        return f"{self.name} ({self.username}@{self.host})"


class OutgoingEmail(WorkspaceOwnedModel, DurableWork):
    """An e-mail in the outbox: queued (pending), sending (running), sent (done) or failed.

    The interaction is the record in the timeline (with links to clients masked); this row keeps
    what is needed to send it, retried with backoff by the task consumer.
    """

    # With a context: "not sent" of an e-mail is worded apart from "not sent" of minutes.
    STATE_LABELS = {
        WorkState.PENDING: pgettext_lazy("e-mail state", "queued"),
        WorkState.RUNNING: pgettext_lazy("e-mail state", "sending"),
        WorkState.DONE: pgettext_lazy("e-mail state", "sent"),
        WorkState.FAILED: pgettext_lazy("e-mail state", "not sent"),
    }

    interaction = models.OneToOneField(
        Interaction, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("e-mail")
    )
    from_email = models.CharField(max_length=320)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    subject = models.TextField()
    # The text as sent; differs from the interaction's only where a secret (a client's one-time
    # link) is masked in the record. Cleared once sent.
    body = models.TextField(blank=True)
    # What the e-mail is about (a meeting, a change request, an invoice), for its page.
    about_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outbox")
        indexes = [
            models.Index(fields=["work_state", "work_due_at"], name="outbox_state_due"),
            models.Index(fields=["about_type", "about_id"], name="outbox_about"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_work_state_display()})"

    @property
    def state_label(self) -> str:
        return str(self.STATE_LABELS.get(self.work_state, self.work_state))

    @property
    def is_sent(self) -> bool:
        return self.work_state == WorkState.DONE


class OutgoingAttachment(models.Model):
    outgoing = models.ForeignKey(
        OutgoingEmail, on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(max_length=255)
    mimetype = models.CharField(max_length=120)
    content = models.BinaryField()

    def __str__(self) -> str:
        return self.filename
