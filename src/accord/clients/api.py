from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from accord.core.api_helpers import current_member

from . import selectors, services

API_PREFIX = "/clients"
router = Router(tags=["clients"])


class ContactOut(Schema):
    id: int
    name: str
    role: str
    language: str
    emails: list[str]

    @staticmethod
    def resolve_emails(contact) -> list[str]:
        return [email.address for email in contact.emails.all()]


class ClientOut(Schema):
    id: int
    name: str
    language: str
    email_domains: list[str]


class ClientDetailOut(ClientOut):
    contacts: list[ContactOut]

    @staticmethod
    def resolve_contacts(client) -> list:
        return list(selectors.contact_list_for_client(client=client))


class ClientIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    language: str = Field(default="en", pattern="^(en|ru|pl)$")
    email_domains: list[str] = []
    website: str = ""
    notes: str = ""


class ContactIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    emails: list[str] = []
    phone: str = ""
    language: str | None = Field(default=None, pattern="^(en|ru|pl)$")
    role: str = Field(default="manager", pattern="^(decision_maker|manager|specialist|accountant)$")


@router.get("/", response=list[ClientOut])
def list_clients(request):
    return list(selectors.client_list_for_member(member=current_member(request)))


@router.get("/{client_id}", response=ClientDetailOut)
def get_client(request, client_id: int):
    return selectors.client_get_for_member(member=current_member(request), client_id=client_id)


@router.post("/", response={201: ClientOut})
def create_client(request, payload: ClientIn):
    member = current_member(request)
    client = services.client_create(
        workspace=member.workspace, actor=request.user, **payload.dict()
    )
    return 201, client


@router.post("/{client_id}/contacts", response={201: ContactOut})
def create_contact(request, client_id: int, payload: ContactIn):
    member = current_member(request)
    client = selectors.client_get_for_member(member=member, client_id=client_id)
    contact = services.contact_create(client=client, actor=request.user, **payload.dict())
    return 201, get_object_or_404(type(contact).objects.prefetch_related("emails"), pk=contact.pk)
