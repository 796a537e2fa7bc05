"""Clients and their people."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from accord.core.errors import DomainError
from accord.core.events import event_record, snapshot

from .models import Client, Contact, ContactEmail

CLIENT_FIELDS = ("name", "email_domains", "website", "language", "notes")
CONTACT_FIELDS = ("name", "phone", "language", "role", "preferred_channel", "position", "is_active")


def normalise_domains(domains) -> list[str]:
    if isinstance(domains, str):
        domains = domains.replace(";", ",").replace("\n", ",").split(",")
    result = []
    for domain in domains or []:
        domain = domain.strip().lower().lstrip("@")
        if not domain:
            continue
        if "." not in domain or " " in domain or "@" in domain:
            raise DomainError(
                _("'%(domain)s' is not an e-mail domain.") % {"domain": domain},
                field="email_domains",
            )
        if domain not in result:
            result.append(domain)
    return result


def normalise_emails(emails) -> list[str]:
    if isinstance(emails, str):
        emails = emails.replace(";", ",").replace("\n", ",").split(",")
    result = []
    for address in emails or []:
        address = address.strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError as error:
            raise DomainError(
                _("'%(address)s' is not a valid e-mail address.") % {"address": address},
                field="emails",
            ) from error
        if address not in result:
            result.append(address)
    return result


def _client_check(*, workspace, name: str, exclude_id: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("A client needs a name."), field="name")
    clash = Client.objects.filter(workspace=workspace, name__iexact=name)
    if exclude_id:
        clash = clash.exclude(pk=exclude_id)
    if clash.exists():
        raise DomainError(_("There is already a client with this name."), field="name")
    return name


@transaction.atomic
def client_create(
    *,
    workspace,
    actor,
    name: str,
    email_domains=(),
    website: str = "",
    language: str = "en",
    notes: str = "",
) -> Client:
    name = _client_check(workspace=workspace, name=name)
    client = Client.objects.create(
        workspace=workspace,
        name=name,
        email_domains=normalise_domains(email_domains),
        website=website,
        language=language,
        notes=notes,
    )
    event_record(
        workspace=workspace,
        actor=actor,
        verb="client.created",
        target=client,
        after=snapshot(client),
    )
    return client


@transaction.atomic
def client_update(*, client: Client, actor, **changes: Any) -> Client:
    client = Client.objects.select_for_update().get(pk=client.pk)
    if "name" in changes:
        changes["name"] = _client_check(
            workspace=client.workspace, name=changes["name"], exclude_id=client.pk
        )
    if "email_domains" in changes:
        changes["email_domains"] = normalise_domains(changes["email_domains"])
    before = snapshot(client)
    for key, value in changes.items():
        if key not in CLIENT_FIELDS:
            raise DomainError(f"Cannot change {key}.")
        setattr(client, key, value)
    client.save()
    event_record(
        workspace=client.workspace,
        actor=actor,
        verb="client.updated",
        target=client,
        before=before,
        after=snapshot(client),
    )
    return client


def _contact_emails_set(*, contact: Contact, emails: list[str]) -> None:
    taken = (
        ContactEmail.objects.filter(workspace=contact.workspace, address__in=emails)
        .exclude(contact=contact)
        .select_related("contact")
        .first()
    )
    if taken:
        raise DomainError(
            _("%(address)s already belongs to %(name)s.")
            % {"address": taken.address, "name": taken.contact.name},
            field="emails",
        )
    contact.emails.exclude(address__in=emails).delete()
    existing = set(contact.emails.values_list("address", flat=True))
    ContactEmail.objects.bulk_create(
        [
            ContactEmail(workspace=contact.workspace, contact=contact, address=address)
            for address in emails
            if address not in existing
        ]
    )


@transaction.atomic
def contact_create(
    *,
    client: Client,
    actor,
    name: str,
    emails=(),
    phone: str = "",
    language: str | None = None,
    role: str = Contact.Role.MANAGER,
    preferred_channel: str = Contact.Channel.EMAIL,
    position: str = "",
) -> Contact:
    if not (name or "").strip():
        raise DomainError(_("A contact needs a name."), field="name")
    emails = normalise_emails(emails)
    contact = Contact.objects.create(
        workspace=client.workspace,
        client=client,
        name=name.strip(),
        phone=phone,
        language=language or client.language,
        role=role,
        preferred_channel=preferred_channel,
        position=position,
    )
    _contact_emails_set(contact=contact, emails=emails)
    event_record(
        workspace=client.workspace,
        actor=actor,
        verb="contact.created",
        target=contact,
        after={**snapshot(contact), "emails": emails},
    )
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, actor, emails=None, **changes: Any) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if "name" in changes and not (changes["name"] or "").strip():
        raise DomainError(_("A contact needs a name."), field="name")
    before = {**snapshot(contact), "emails": [e.address for e in contact.emails.all()]}
    for key, value in changes.items():
        if key not in CONTACT_FIELDS:
            raise DomainError(f"Cannot change {key}.")
        setattr(contact, key, value)
    contact.save()
    if emails is not None:
        _contact_emails_set(contact=contact, emails=normalise_emails(emails))
    after = {**snapshot(contact), "emails": [e.address for e in contact.emails.all()]}
    event_record(
        workspace=contact.workspace,
        actor=actor,
        verb="contact.updated",
        target=contact,
        before=before,
        after=after,
    )
    return contact
