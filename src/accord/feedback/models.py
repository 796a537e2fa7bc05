"""Feedback surveys sent to a client contact after a milestone or a resolved case."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel

RATING = [MinValueValidator(1), MaxValueValidator(5)]
ASPECTS = ("quality", "communication", "timeliness", "price")


class Survey(WorkspaceOwnedModel):
    """One request for feedback: a one-answer, expiring link (only its hash is stored)."""

    class Trigger(models.TextChoices):
        MILESTONE = "milestone", _("Milestone accepted")
        CASE = "case", _("Difficult situation resolved")
        MANUAL = "manual", _("Sent by hand")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="surveys"
    )
    contact = models.ForeignKey("clients.Contact", on_delete=models.CASCADE, related_name="surveys")
    trigger = models.CharField(_("sent after"), max_length=10, choices=Trigger.choices)
    milestone = models.ForeignKey(
        "projects.Milestone", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        "situations.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("link valid until"))
    sent_interaction = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback survey")
        constraints = [
            # One survey per milestone and per case, whatever the number of workers sending.
            models.UniqueConstraint(
                fields=["milestone", "contact"],
                condition=models.Q(milestone__isnull=False),
                name="survey_once_per_milestone_contact",
            ),
            models.UniqueConstraint(
                fields=["case", "contact"],
                condition=models.Q(case__isnull=False),
                name="survey_once_per_case_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} · {self.project_id}"


class SurveyResponse(models.Model):
    """The client's one answer: CSAT 1-5, optional aspects and comment."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="response")
    score = models.PositiveSmallIntegerField(_("overall satisfaction"), validators=RATING)
    quality = models.PositiveSmallIntegerField(
        _("quality"), null=True, blank=True, validators=RATING
    )
    communication = models.PositiveSmallIntegerField(
        _("communication"), null=True, blank=True, validators=RATING
    )
    timeliness = models.PositiveSmallIntegerField(
        _("timeliness"), null=True, blank=True, validators=RATING
    )
    price = models.PositiveSmallIntegerField(_("price"), null=True, blank=True, validators=RATING)
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered at"))
    opened_case = models.ForeignKey(
        "situations.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("feedback answer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="survey_score_1_to_5"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{aspect}__isnull": True})
                    | models.Q(**{f"{aspect}__gte": 1, f"{aspect}__lte": 5}),
                    name=f"survey_{aspect}_1_to_5",
                )
                for aspect in ASPECTS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.score}"
