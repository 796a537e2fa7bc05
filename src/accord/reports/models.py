"""Status reports for the client: the schedule per project and every report exactly as sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel


class ReportSchedule(WorkspaceOwnedModel):
    """How often the project's status report goes to the client (weekly unless changed)."""

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        BIWEEKLY = "biweekly", _("Every two weeks")
        MONTHLY = "monthly", _("Monthly")
        OFF = "off", _("Not sent automatically")

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="report_schedule"
    )
    cadence = models.CharField(
        _("send the status report"), max_length=10, choices=Cadence.choices, default=Cadence.WEEKLY
    )
    next_send_on = models.DateField(_("next report on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report schedule")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.cadence}"


class StatusReport(WorkspaceOwnedModel):
    """One report as it reached the client: the HTML and the PDF bytes are never re-rendered."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="status_reports"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    language = models.CharField(_("language"), max_length=2)
    subject = models.CharField(_("subject"), max_length=300)
    html = models.TextField(editable=False)
    pdf = models.BinaryField(editable=False)
    recipients = models.JSONField(_("sent to"), default=list, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    interaction = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scheduled = models.BooleanField(_("sent on schedule"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")

    def __str__(self) -> str:
        return self.subject
