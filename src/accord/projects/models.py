from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel


class Project(WorkspaceOwnedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        ON_HOLD = "on_hold", _("On hold")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("client"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    max_client_attendees = models.PositiveSmallIntegerField(
        _("most client attendees per meeting"), default=4
    )
    silence_threshold_days = models.PositiveSmallIntegerField(
        _("client silent after (working days)"), default=3
    )

    class Meta:
        ordering = ["client__name", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "name"], name="project_unique_name_per_client"
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="project_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Contract(WorkspaceOwnedModel):
    class Cadence(models.TextChoices):
        NONE = "", _("Not agreed")
        WEEKLY = "weekly", _("Weekly")
        BIWEEKLY = "biweekly", _("Every two weeks")
        MONTHLY = "monthly", _("Monthly")

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="contract", verbose_name=_("project")
    )
    number = models.CharField(_("contract number"), max_length=80, blank=True)
    signed_date = models.DateField(_("signed on"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to="contracts/%Y/", blank=True)
    hourly_rate = models.DecimalField(
        _("hourly rate"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=14)
    payment_clause = models.TextField(
        _("payment clause"),
        blank=True,
        help_text=_(
            "The contract's words on payment, quoted in formal notices and the hand-over file."
        ),
    )
    response_time_hours = models.PositiveSmallIntegerField(
        _("promised response time (working hours)"), default=8
    )
    meeting_cadence = models.CharField(
        _("meeting cadence"), max_length=10, choices=Cadence.choices, blank=True, default=""
    )
    documentation_list = models.TextField(
        _("agreed documentation"), blank=True, help_text=_("One document per line.")
    )
    escalation_path = models.TextField(
        _("escalation path / conflict resolution"),
        blank=True,
        help_text=_("Who talks to whom when the sides disagree, and the neutral third party."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return self.number or f"Contract for {self.project}"

    @property
    def documents(self) -> list[str]:
        return [line.strip() for line in self.documentation_list.splitlines() if line.strip()]


class ScopeItem(WorkspaceOwnedModel):
    class Kind(models.TextChoices):
        INCLUDED = "included", _("In scope")
        EXCLUDED = "excluded", _("Explicitly out of scope")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="scope_items", verbose_name=_("contract")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INCLUDED)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("scope item")
        verbose_name_plural = _("scope items")

    def __str__(self) -> str:
        return self.title


class Milestone(WorkspaceOwnedModel):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=200)
    deliverable = models.TextField(_("deliverable"), blank=True)
    planned_date = models.DateField(_("planned date"))
    # The new date a person accepted (usually from the computed forecast); every page and draft
    # shows this one. The computed forecast only proposes it.
    forecast_date = models.DateField(_("promised date"), null=True, blank=True)
    done_date = models.DateField(_("done on"), null=True, blank=True)
    demoed_at = models.DateTimeField(_("demoed to the client at"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["planned_date", "position", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.name

    @property
    def promised_date(self):
        """The date the team promises: the accepted new date, else the planned one."""
        return self.forecast_date or self.planned_date
