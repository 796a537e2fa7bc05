from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TriageResult(models.Model):
    """What the engine read in one client message, with the model version that read it."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    interaction = models.OneToOneField(
        "communications.Interaction", on_delete=models.CASCADE, related_name="triage"
    )
    labels = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    tone = models.CharField(max_length=10)
    urgency = models.CharField(max_length=10)
    lang = models.CharField(max_length=8)
    evidence = models.JSONField(default=list)
    model_version = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("triage result")

    def __str__(self) -> str:
        return f"{self.interaction_id}: {', '.join(self.labels) or '—'}"


class TriageCorrection(models.Model):
    """Labels a member corrected; accepted corrections are added to the next training run."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    interaction = models.ForeignKey(
        "communications.Interaction", on_delete=models.CASCADE, related_name="triage_corrections"
    )
    labels = models.JSONField(default=list)
    tone = models.CharField(max_length=10, blank=True)
    urgency = models.CharField(max_length=10, blank=True)
    accepted = models.BooleanField(default=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"correction of {self.interaction_id}"
