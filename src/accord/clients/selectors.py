from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Client, Contact, ContactEmail


def client_list_for_member(*, member) -> QuerySet[Client]:
    return (
        Client.objects.filter(workspace=member.workspace)
        .annotate(
            project_count=Count("projects", distinct=True),
            contact_count=Count("contacts", distinct=True),
        )
        .order_by("name", "id")
    )


def client_get_for_member(*, member, client_id: int) -> Client:
    return get_object_or_404(Client, pk=client_id, workspace=member.workspace)


def contact_list_for_client(*, client: Client) -> QuerySet[Contact]:
    return client.contacts.prefetch_related(
        Prefetch("emails", queryset=ContactEmail.objects.order_by("id"))
    ).order_by("name")


def contact_get_for_member(*, member, contact_id: int) -> Contact:
    return get_object_or_404(
        Contact.objects.select_related("client").prefetch_related("emails"),
        pk=contact_id,
        workspace=member.workspace,
    )


def decision_makers_for_client(*, client: Client) -> QuerySet[Contact]:
    return client.contacts.filter(role=Contact.Role.DECISION_MAKER, is_active=True)


def contact_for_address(*, workspace, address: str) -> Contact | None:
    email = (
        ContactEmail.objects.filter(workspace=workspace, address__iexact=address.strip())
        .select_related("contact__client")
        .first()
    )
    return email.contact if email else None


def client_for_domain(*, workspace, domain: str) -> Client | None:
    domain = domain.strip().lower()
    for client in Client.objects.filter(workspace=workspace).filter(~Q(email_domains=[])):
        if domain in (client.email_domains or []):
            return client
    return None
