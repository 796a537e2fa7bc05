from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel

from .catalogue import Situation

OPEN_STATUSES = ("open", "in_progress", "waiting")


class Case(WorkspaceOwnedModel):
    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting for the client")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    class RootCause(models.TextChoices):
        NONE = "", _("Not found yet")
        DEFECTS = "defects", _("Defects")
        BROKEN = "broken_functionality", _("Broken functionality")
        DESIGN = "design_mismatch", _("Design not as expected")
        DELAY = "delay", _("Delay")
        MISUSE = "client_misuse", _("Client misuse")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="cases",
        verbose_name=_("project"),
    )
    situation = models.CharField(_("situation"), max_length=30, choices=Situation.choices)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    owner = models.ForeignKey(
        "workspaces.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    interactions = models.ManyToManyField(
        "communications.Interaction", blank=True, related_name="cases"
    )
    notes = models.TextField(_("notes"), blank=True)
    root_cause = models.CharField(
        _("root cause"), max_length=30, choices=RootCause.choices, blank=True, default=""
    )
    resolution_summary = models.TextField(_("resolution summary"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    opened_automatically = models.BooleanField(default=False)
    # A person said the situation is real; apology and concession drafts wait for this.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The label that opened the case was corrected away, but work was done on it: ask to close.
    closing_suggested = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "situation"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="one_open_case_per_project_and_situation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_situation_display()} · {self.project}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("situations:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseSuggestion(WorkspaceOwnedModel):
    """Triage saw a situation, but not surely enough to open a case: a person decides."""

    class Status(models.TextChoices):
        OPEN = "open", _("Suggested")
        ACCEPTED = "accepted", _("Case opened")
        DISMISSED = "dismissed", _("Dismissed")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="case_suggestions"
    )
    interaction = models.ForeignKey(
        "communications.Interaction", on_delete=models.CASCADE, related_name="case_suggestions"
    )
    situation = models.CharField(_("situation"), max_length=30, choices=Situation.choices)
    score = models.FloatField(default=0.0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["interaction", "situation"], name="case_suggestion_once_per_message"
            )
        ]

    def __str__(self) -> str:
        return f"{self.situation} · {self.interaction_id}"


class CaseStep(models.Model):
    """One playbook step of a case, ticked by a member at a time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    text = models.CharField(max_length=500)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="case_step_position")
        ]

    def __str__(self) -> str:
        return self.text


class CaseDraft(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="drafts")
    contact = models.ForeignKey(
        "clients.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=2)
    subject = models.CharField(max_length=500)
    body = models.TextField()
    sent_interaction = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class PlaybookOverride(WorkspaceOwnedModel):
    """A workspace's own version of a playbook, validated like the built-in files."""

    situation = models.CharField(max_length=30, choices=Situation.choices)
    source = models.TextField(_("playbook (YAML)"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "situation"], name="playbook_override_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.situation} ({self.workspace})"
