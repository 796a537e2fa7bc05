from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel


class Agreement(WorkspaceOwnedModel):
    """A decision both sides made, with its source; versions are never overwritten."""

    class Source(models.TextChoices):
        CONTRACT = "contract", _("Contract")
        EMAIL = "email", _("E-mail")
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        CHAT = "chat", _("Chat")
        CHANGE_REQUEST = "change_request", _("Change request")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DISPUTED = "disputed", _("Disputed")
        SUPERSEDED = "superseded", _("Superseded")
        REVERSED = "reversed", _("Reversed")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("project"),
    )
    title = models.CharField(_("decision"), max_length=300)
    details = models.TextField(_("details"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_reference = models.CharField(
        _("source reference"),
        max_length=300,
        blank=True,
        help_text=_("Where it was decided: subject of the e-mail, meeting title, clause number."),
    )
    # The record the decision came from (an interaction, a meeting, a change request).
    source_record_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_record_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_record = GenericForeignKey("source_record_type", "source_record_id")
    decided_on = models.DateField(_("decided on"))
    accepted_by = models.ForeignKey(
        "clients.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_agreements",
        verbose_name=_("accepted by (client)"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACCEPTED
    )
    # All versions of one decision share a lineage; ``version`` counts from 1.
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    reversed_at = models.DateTimeField(_("reversed at"), null=True, blank=True)
    reversed_by_contact = models.ForeignKey(
        "clients.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reversed by (client)"),
    )
    reversed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reversal_note = models.TextField(_("reversal note"), blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(fields=["lineage", "version"], name="agreement_version_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        return self.status not in {self.Status.SUPERSEDED}


class Commitment(WorkspaceOwnedModel):
    """An action item owned by our side or the client's side, with a named person and a date."""

    class Side(models.TextChoices):
        OURS = "ours", _("Our team")
        CLIENT = "client", _("Client")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("project"),
    )
    milestone = models.ForeignKey(
        "projects.Milestone",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        verbose_name=_("milestone"),
    )
    title = models.CharField(_("what"), max_length=300)
    side = models.CharField(_("side"), max_length=6, choices=Side.choices)
    owner_member = models.ForeignKey(
        "workspaces.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        verbose_name=_("owner (our team)"),
    )
    owner_contact = models.ForeignKey(
        "clients.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        verbose_name=_("owner (client)"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    estimate_hours = models.DecimalField(
        _("estimated effort (hours)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    # The record the commitment came from (contract, meeting minutes, e-mail, case...).
    origin_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    origin_label = models.CharField(_("came from"), max_length=200, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [models.Index(fields=["project", "status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(side="client") | models.Q(owner_member__isnull=True),
                name="commitment_client_side_has_no_member_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_name(self) -> str:
        if self.owner_contact_id:
            return self.owner_contact.name
        if self.owner_member_id:
            return self.owner_member.display_name
        return ""
