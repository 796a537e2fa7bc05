from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel


class ChangeRequest(WorkspaceOwnedModel):
    class Origin(models.TextChoices):
        MESSAGE = "message", _("Client message")
        MEETING = "meeting", _("Meeting")
        TYPED = "typed", _("Typed in")

    class Verdict(models.TextChoices):
        COVERED = "covered", _("Covered by the contract")
        NOT_COVERED = "not_covered", _("Not covered by the contract")
        UNCLEAR = "unclear", _("Unclear")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ASSESSED = "assessed", _("Assessed")
        SENT = "sent", _("Sent to the client")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("project"),
    )
    number = models.PositiveIntegerField(_("number"))
    # The number people quote (CR-0042): one sequence per workspace, so it names one change
    # wherever it appears, across projects; ``number`` stays the count within the project.
    workspace_number = models.PositiveIntegerField(_("reference number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what the client asks for"))
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.TYPED
    )
    origin_interaction = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    origin_meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        "clients.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_requests",
        verbose_name=_("requested by"),
    )
    client_reason = models.TextField(_("reason the client gives"), blank=True)
    scope_verdict = models.CharField(
        _("scope check"), max_length=12, choices=Verdict.choices, blank=True
    )
    scope_matches = models.JSONField(default=list, blank=True, editable=False)
    effort_hours = models.DecimalField(
        _("effort (hours)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    cost = models.DecimalField(_("cost"), max_digits=14, decimal_places=2, null=True, blank=True)
    risks = models.TextField(_("risks"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    # The e-mail with the decision link: the change counts as sent only once the outbox sent it.
    sent_email = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("client's comment"), blank=True)
    decided_by_contact = models.ForeignKey(
        "clients.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_evidence = models.TextField(_("evidence of the decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="change_request_number"),
            models.UniqueConstraint(
                fields=["workspace", "workspace_number"], name="change_request_workspace_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"CR-{self.workspace_number:04d}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("changes:detail", args=[self.pk])


class ChangeRequestSequence(models.Model):
    """The last reference number given in a workspace; its row is the lock new numbers wait on."""

    workspace = models.OneToOneField(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"CR-{self.last_number:04d} in {self.workspace_id}"


class ScheduleShift(models.Model):
    """How many days the change moves one milestone."""

    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="shifts"
    )
    milestone = models.ForeignKey("projects.Milestone", on_delete=models.CASCADE, related_name="+")
    days = models.IntegerField(_("shift (days)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["change_request", "milestone"], name="shift_once_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} {self.days:+d}"


class DecisionLink(models.Model):
    """An unguessable, expiring link for one change request; only its hash is stored."""

    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"link for {self.change_request}"


class PlanVersion(models.Model):
    """A superseding version of the project plan: budget and milestone dates before and after."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="plan_versions"
    )
    change_request = models.ForeignKey(
        ChangeRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_versions",
    )
    budget_before = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    budget_after = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    dates = models.JSONField(default=list, blank=True)  # [{milestone, name, before, after}]
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.note or f"plan of {self.project}"


class IntermediateResult(WorkspaceOwnedModel):
    class Kind(models.TextChoices):
        DEMO = "demo", _("Demo")
        DELIVERY = "delivery", _("Delivery")

    milestone = models.ForeignKey(
        "projects.Milestone", on_delete=models.CASCADE, related_name="intermediate_results"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DEMO)
    shown_at = models.DateTimeField(_("shown at"))
    description = models.TextField(_("what was shown"))
    interaction = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-shown_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.milestone}"
