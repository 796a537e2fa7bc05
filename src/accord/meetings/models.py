from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel


class Meeting(WorkspaceOwnedModel):
    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        DEMO = "demo", _("Demo")
        KICKOFF = "kickoff", _("Kickoff")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Objection(models.TextChoices):
        NONE = "", _("No minutes yet")
        OPEN = "open", _("Waiting for objections")
        ACCEPTED = "accepted", _("Accepted without objection")
        DISPUTED = "disputed", _("Disputed by the client")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CALL)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    location = models.CharField(_("place or link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    attendee_contacts = models.ManyToManyField(
        "clients.Contact", blank=True, related_name="meetings", verbose_name=_("client attendees")
    )
    attendee_members = models.ManyToManyField(
        "workspaces.Member", blank=True, related_name="meetings", verbose_name=_("team attendees")
    )
    agenda_sent_at = models.DateTimeField(_("agenda sent at"), null=True, blank=True)
    discussed = models.TextField(_("discussed"), blank=True)
    # Open commitments an action item of these minutes repeated (merged instead of created):
    # they are listed in these minutes next to the ones the meeting made.
    repeated_commitments = models.ManyToManyField(
        "agreements.Commitment",
        blank=True,
        related_name="repeated_in_meetings",
        verbose_name=_("commitments repeated in the minutes"),
    )
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    minutes_sent_at = models.DateTimeField(_("minutes sent at"), null=True, blank=True)
    minutes_message_ids = models.JSONField(default=list, blank=True, editable=False)
    objection_deadline = models.DateField(_("objections until"), null=True, blank=True)
    objection_status = models.CharField(
        _("minutes"), max_length=10, choices=Objection.choices, blank=True, default=Objection.NONE
    )
    disputed_by = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("disputed by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["project", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("meetings:detail", args=[self.pk])


class AgendaItem(models.Model):
    class Section(models.TextChoices):
        DECISIONS = "decisions", _("Agreed last time")
        COMMITMENTS = "commitments", _("Open commitments")
        CHANGES = "changes", _("Open change requests")
        CASES = "cases", _("Open cases")
        TOPICS = "topics", _("Today's topics")
        KICKOFF = "kickoff", _("Rules of cooperation")
        NOTES = "notes", _("Team notes")

    class Audience(models.TextChoices):
        CLIENT = "client", _("Client agenda")
        TEAM = "team", _("Team notes (never sent)")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    section = models.CharField(
        _("section"), max_length=12, choices=Section.choices, default=Section.TOPICS
    )
    text = models.CharField(_("item"), max_length=500)
    # Client agenda items are e-mailed and put in the .ics; team notes never leave Accord.
    audience = models.CharField(
        _("audience"), max_length=6, choices=Audience.choices, default=Audience.CLIENT
    )
    # Items built from records are rendered afresh in each recipient's language.
    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commitment = models.ForeignKey(
        "agreements.Commitment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    key = models.CharField(max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class MinutesReminder(models.Model):
    """Raised once when a held meeting has no minutes after the grace period; resolved on sending."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes_reminder"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Minutes missing: {self.meeting}"
