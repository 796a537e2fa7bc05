from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    POLISH = "pl", _("Polish")


class Workspace(models.Model):
    """A team: every record of client work belongs to one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    default_language = models.CharField(
        _("default language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Warsaw")
    work_day_start = models.TimeField(_("working day starts"), default=datetime.time(9, 0))
    work_day_end = models.TimeField(_("working day ends"), default=datetime.time(18, 0))
    # ISO weekday numbers (1 = Monday) of the working days.
    working_weekdays = models.CharField(_("working weekdays"), max_length=7, default="12345")
    # Mail from these domains (or from members' addresses) is the team's own, i.e. outbound.
    team_email_domains = models.JSONField(_("team e-mail domains"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "date"], name="holiday_unique_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Member(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MANAGER = "manager", _("Manager")
        MEMBER = "member", _("Member")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    language = models.CharField(
        _("interface language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    # The zone the member reads and types times in; blank means the workspace's zone.
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workspace", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "user"], name="member_unique_per_workspace"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.workspace}"

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def can_manage(self) -> bool:
        return self.role in {self.Role.OWNER, self.Role.MANAGER}
