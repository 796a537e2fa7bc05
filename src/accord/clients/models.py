from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import WorkspaceOwnedModel
from accord.workspaces.models import Language


class Client(WorkspaceOwnedModel):
    """A client company."""

    name = models.CharField(_("name"), max_length=200)
    # Lower-case e-mail domains the client's people write from, one per entry.
    email_domains = models.JSONField(_("e-mail domains"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="client_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Contact(WorkspaceOwnedModel):
    class Role(models.TextChoices):
        DECISION_MAKER = "decision_maker", _("Decision-maker")
        MANAGER = "manager", _("Manager")
        SPECIALIST = "specialist", _("Specialist")
        ACCOUNTANT = "accountant", _("Accountant")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone call")
        CHAT = "chat", _("Chat")
        MEETING = "meeting", _("Meeting")

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("client")
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MANAGER)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["client__name", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name

    @property
    def primary_email(self) -> str:
        first = next(iter(self.emails.all()), None)
        return first.address if first else ""


class ContactEmail(models.Model):
    """One e-mail address of a contact; unique per workspace so mail matches one person."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField(_("e-mail address"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "address"], name="contact_email_unique")
        ]

    def __str__(self) -> str:
        return self.address
