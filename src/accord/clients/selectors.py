from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404

from accord.core.querying import count_per_row

from .models import Client, Contact, ContactEmail


def client_list_for_member(*, member) -> QuerySet[Client]:
    from accord.projects.models import Project

    return (
        Client.objects.filter(workspace=member.workspace)
        .annotate(
            project_count=count_per_row(Project.objects.all(), "client"),
            contact_count=count_per_row(Contact.objects.all(), "client"),
        )
        .order_by("name", "id")
    )


SEARCH_MAX_LENGTH = 100


def client_list_filtered(
    *, member, search: str = "", with_open_cases: bool = False
) -> QuerySet[Client]:
    """The clients list with its filters: a part of the name, and only those with an open case."""
    from accord.situations.selectors import client_has_open_case

    clients = client_list_for_member(member=member)
    search = search.strip()[:SEARCH_MAX_LENGTH]
    if search:
        clients = clients.filter(name__icontains=search)
    if with_open_cases:
        clients = clients.filter(client_has_open_case())
    return clients


def client_choices_for_member(*, member, limit: int = 500) -> list[tuple[int, str]]:
    """The workspace's clients as (id, name) for a filter picker, in one query."""
    return list(
        Client.objects.filter(workspace=member.workspace)
        .order_by("name", "id")
        .values_list("pk", "name")[:limit]
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
    """The client whose people write from ``domain``: one query, on PostgreSQL through the GIN
    index over ``email_domains`` (migration 0002); SQLite looks into the JSON list in SQL."""
    domain = domain.strip().lower().lstrip("@")
    if not domain:
        return None
    clients = Client.objects.filter(workspace=workspace)
    if connection.vendor == "postgresql":
        clients = clients.filter(email_domains__contains=[domain])
    else:
        clients = clients.filter(
            RawSQL(
                'EXISTS (SELECT 1 FROM json_each("clients_client"."email_domains") '
                "WHERE json_each.value = %s)",
                [domain],
                output_field=BooleanField(),
            )
        )
    return clients.order_by("id").first()
