"""API: clients and their contacts."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from accord.api.listing import Pagination, kept_list, order_by, ordering_param
from accord.api.permissions import api_member, require_manager
from accord.api.schemas import Id, model_type, text
from accord.core.deletion import record_delete

from . import selectors, services
from .models import Client, Contact

API_PREFIX = "/clients"
router = Router(tags=["clients"])
contacts_router = Router(tags=["contacts"])

Domain = text(253, min_length=1)
Email = text(254, min_length=3)


class ContactOut(Schema):
    id: int
    client_id: int
    name: str
    role: str
    language: str
    phone: str
    position: str
    preferred_channel: str
    is_active: bool
    emails: list[str]

    @staticmethod
    def resolve_emails(contact) -> list[str]:
        return [email.address for email in contact.emails.all()]


class ClientOut(Schema):
    id: int
    name: str
    language: str
    website: str
    notes: str
    email_domains: list[str]


class ClientDetailOut(ClientOut):
    contacts: list[ContactOut]

    @staticmethod
    def resolve_contacts(client) -> list:
        return list(selectors.contact_list_for_client(client=client))


class ClientIn(Schema):
    name: model_type(Client, "name")
    language: model_type(Client, "language") = "en"
    email_domains: list[Domain] = Field(default_factory=list, max_length=50)
    website: text(200) = ""
    notes: model_type(Client, "notes") = ""


class ClientPatch(Schema):
    name: model_type(Client, "name", optional=True) = None
    language: model_type(Client, "language", optional=True) = None
    email_domains: list[Domain] | None = Field(default=None, max_length=50)
    website: text(200) | None = None
    notes: model_type(Client, "notes", optional=True) = None


class ClientFilter(Schema):
    q: text(200) | None = Field(default=None, description="Part of the name.")
    language: model_type(Client, "language", optional=True) = None


class ContactIn(Schema):
    name: model_type(Contact, "name")
    emails: list[Email] = Field(default_factory=list, max_length=20)
    phone: model_type(Contact, "phone") = ""
    language: model_type(Contact, "language", optional=True) = None
    role: model_type(Contact, "role") = "manager"
    preferred_channel: model_type(Contact, "preferred_channel") = "email"
    position: model_type(Contact, "position") = ""


class ContactCreateIn(ContactIn):
    client_id: Id


class ContactPatch(Schema):
    name: model_type(Contact, "name", optional=True) = None
    emails: list[Email] | None = Field(default=None, max_length=20)
    phone: model_type(Contact, "phone", optional=True) = None
    language: model_type(Contact, "language", optional=True) = None
    role: model_type(Contact, "role", optional=True) = None
    preferred_channel: model_type(Contact, "preferred_channel", optional=True) = None
    position: model_type(Contact, "position", optional=True) = None
    is_active: bool | None = None


class ContactFilter(Schema):
    client_id: Id | None = None
    q: text(200) | None = None
    role: model_type(Contact, "role", optional=True) = None


def _changes(payload: Schema) -> dict:
    return {
        key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None
    }


@router.get("/", response=list[ClientOut])
@kept_list(ClientOut)
@paginate(Pagination)
def client_list(
    request,
    filters: Query[ClientFilter],
    ordering: ordering_param("name", "created_at") = "name",
):
    clients = Client.objects.filter(workspace=api_member(request).workspace)
    if filters.q:
        clients = clients.filter(name__icontains=filters.q)
    if filters.language:
        clients = clients.filter(language=filters.language)
    return order_by(clients, ordering)


@router.post("/", response={201: ClientOut})
def client_create(request, payload: ClientIn):
    member = api_member(request)
    client = services.client_create(
        workspace=member.workspace, actor=request.user, **payload.dict()
    )
    return 201, client


@router.get("/{client_id}", response=ClientDetailOut)
def client_get(request, client_id: Id):
    return selectors.client_get_for_member(member=api_member(request), client_id=client_id)


@router.patch("/{client_id}", response=ClientOut)
def client_update(request, client_id: Id, payload: ClientPatch):
    client = selectors.client_get_for_member(member=api_member(request), client_id=client_id)
    return services.client_update(client=client, actor=request.user, **_changes(payload))


@router.delete("/{client_id}", response={204: None})
def client_delete(request, client_id: Id):
    """Owners and managers; refused (409) while the client has projects."""
    member = require_manager(request)
    client = selectors.client_get_for_member(member=member, client_id=client_id)
    record_delete(
        instance=client,
        workspace=member.workspace,
        actor=request.user,
        blockers={"projects": client.projects.all()},
    )
    return 204, None


@router.post("/{client_id}/contacts", response={201: ContactOut})
def client_contact_create(request, client_id: Id, payload: ContactIn):
    member = api_member(request)
    client = selectors.client_get_for_member(member=member, client_id=client_id)
    contact = services.contact_create(client=client, actor=request.user, **payload.dict())
    return 201, get_object_or_404(Contact.objects.prefetch_related("emails"), pk=contact.pk)


# -- contacts -----------------------------------------------------------------------------


@contacts_router.get("/", response=list[ContactOut])
@kept_list(ContactOut)
@paginate(Pagination)
def contact_list(
    request,
    filters: Query[ContactFilter],
    ordering: ordering_param("name", "created_at") = "name",
):
    contacts = Contact.objects.filter(workspace=api_member(request).workspace).prefetch_related(
        "emails"
    )
    if filters.client_id:
        contacts = contacts.filter(client_id=filters.client_id)
    if filters.role:
        contacts = contacts.filter(role=filters.role)
    if filters.q:
        contacts = contacts.filter(
            Q(name__icontains=filters.q) | Q(emails__address__icontains=filters.q)
        ).distinct()
    return order_by(contacts, ordering)


@contacts_router.post("/", response={201: ContactOut})
def contact_create(request, payload: ContactCreateIn):
    member = api_member(request)
    data = payload.dict()
    client = selectors.client_get_for_member(member=member, client_id=data.pop("client_id"))
    contact = services.contact_create(client=client, actor=request.user, **data)
    return 201, get_object_or_404(Contact.objects.prefetch_related("emails"), pk=contact.pk)


@contacts_router.get("/{contact_id}", response=ContactOut)
def contact_get(request, contact_id: Id):
    return selectors.contact_get_for_member(member=api_member(request), contact_id=contact_id)


@contacts_router.patch("/{contact_id}", response=ContactOut)
def contact_update(request, contact_id: Id, payload: ContactPatch):
    contact = selectors.contact_get_for_member(member=api_member(request), contact_id=contact_id)
    changes = _changes(payload)
    services.contact_update(contact=contact, actor=request.user, **changes)
    return selectors.contact_get_for_member(member=api_member(request), contact_id=contact_id)


@contacts_router.delete("/{contact_id}", response={204: None})
def contact_delete(request, contact_id: Id):
    """Owners and managers. Mail and agreements keep their text; the person link is cleared."""
    member = require_manager(request)
    contact = selectors.contact_get_for_member(member=member, contact_id=contact_id)
    record_delete(instance=contact, workspace=member.workspace, actor=request.user)
    return 204, None


API_ROUTERS = [("/contacts", contacts_router)]
