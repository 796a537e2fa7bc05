from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from accord.core.forms import LimitedModelForm

from .models import Client, Contact


class ClientForm(LimitedModelForm):
    email_domains = forms.CharField(
        label=_("E-mail domains"),
        required=False,
        help_text=_("Comma-separated, e.g. acme.com, acme.pl"),
    )

    class Meta:
        model = Client
        fields = ["name", "email_domains", "website", "language", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["email_domains"] = ", ".join(self.instance.email_domains or [])

    def clean_email_domains(self) -> list[str]:
        raw = self.cleaned_data.get("email_domains") or ""
        return [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]


class ContactForm(LimitedModelForm):
    emails = forms.CharField(
        label=_("E-mail addresses"), required=False, help_text=_("Comma-separated")
    )

    class Meta:
        model = Contact
        fields = [
            "name",
            "position",
            "emails",
            "phone",
            "language",
            "role",
            "preferred_channel",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["emails"] = ", ".join(
                email.address for email in self.instance.emails.all()
            )

    def clean_emails(self) -> list[str]:
        raw = self.cleaned_data.get("emails") or ""
        addresses = [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError as error:
                raise ValidationError(
                    _("'%(address)s' is not a valid e-mail address.") % {"address": address}
                ) from error
        return addresses
