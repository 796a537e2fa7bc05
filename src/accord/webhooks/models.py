from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel
from accord.core.work import DurableWork


class Event(models.TextChoices):
    INTERACTION_RECEIVED = "interaction.received", _("A client message arrived")
    CASE_OPENED = "case.opened", _("A case was opened")
    CASE_RESOLVED = "case.resolved", _("A case was resolved")
    CHANGE_REQUEST_DECIDED = "change_request.decided", _("A change request was decided")
    COMMITMENT_OVERDUE = "commitment.overdue", _("A commitment became overdue")
    INVOICE_OVERDUE = "invoice.overdue", _("An invoice became overdue")
    HEALTH_CHANGED = "health.changed", _("A project's health changed")


class WebhookEndpoint(WorkspaceOwnedModel):
    """A URL of the workspace's own systems that receives the events it subscribed to."""

    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    # The signing secret, encrypted with a key derived from SECRET_KEY.
    secret_encrypted = models.TextField(editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["url", "id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(DurableWork):
    """One event for one endpoint: the exact body that is signed and sent, and each try's result."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    body = models.TextField(editable=False)
    last_status_code = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["work_state", "work_due_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id}"


class WebhookEmitted(models.Model):
    """Events raised once per object (a commitment becomes overdue once)."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "event", "key"], name="webhook_emitted_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.key}"
