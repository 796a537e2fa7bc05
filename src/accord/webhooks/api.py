"""API: the workspace's webhook endpoints and their deliveries (owners and managers)."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from accord.api.listing import Pagination, kept_list
from accord.api.permissions import require_manager
from accord.api.schemas import Id, text

from . import services
from .models import Event, WebhookDelivery, WebhookEndpoint

API_PREFIX = "/webhooks"
router = Router(tags=["webhooks"])

EventName = Event  # the OpenAPI enum of event names


class EndpointOut(Schema):
    id: int
    url: str
    description: str
    events: list[str]
    is_active: bool
    created_at: datetime.datetime


class EndpointCreatedOut(EndpointOut):
    secret: str = Field(description="The signing secret, shown once.")


class EndpointIn(Schema):
    url: text(500, min_length=1)
    events: list[Event] = Field(min_length=1, max_length=len(Event.values))
    description: text(200) = ""


class EndpointPatch(Schema):
    url: text(500, min_length=1) | None = None
    events: list[Event] | None = Field(None, min_length=1, max_length=len(Event.values))
    description: text(200) | None = None
    is_active: bool | None = None


class DeliveryOut(Schema):
    id: int
    endpoint_id: int
    event: str
    state: str = Field(alias="work_state")
    attempts: int = Field(alias="work_attempts")
    next_try_at: datetime.datetime | None = Field(alias="work_due_at")
    last_status_code: int | None
    error: str = Field(alias="work_error")
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None = Field(alias="work_done_at")


def _endpoint(member, endpoint_id: int) -> WebhookEndpoint:
    return get_object_or_404(WebhookEndpoint, pk=endpoint_id, workspace=member.workspace)


@router.get("/", response=list[EndpointOut])
def webhook_endpoint_list(request):
    member = require_manager(request)
    return list(WebhookEndpoint.objects.filter(workspace=member.workspace))


@router.post("/", response={201: EndpointCreatedOut})
def webhook_endpoint_create(request, payload: EndpointIn):
    """Register a URL for events; the answer carries the signing secret once."""
    member = require_manager(request)
    endpoint, secret = services.endpoint_create(
        workspace=member.workspace,
        actor=request.user,
        url=payload.url,
        events=[str(event) for event in payload.events],
        description=payload.description,
    )
    return 201, {**EndpointOut.from_orm(endpoint).dict(), "secret": secret}


@router.patch("/{endpoint_id}", response=EndpointOut)
def webhook_endpoint_update(request, endpoint_id: Id, payload: EndpointPatch):
    member = require_manager(request)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if "events" in changes:
        changes["events"] = [str(event) for event in changes["events"]]
    return services.endpoint_update(
        endpoint=_endpoint(member, endpoint_id), actor=request.user, **changes
    )


@router.delete("/{endpoint_id}", response={204: None})
def webhook_endpoint_delete(request, endpoint_id: Id):
    member = require_manager(request)
    services.endpoint_delete(endpoint=_endpoint(member, endpoint_id), actor=request.user)
    return 204, None


@router.get("/{endpoint_id}/deliveries", response=list[DeliveryOut])
@kept_list(DeliveryOut)
@paginate(Pagination)
def webhook_delivery_list(request, endpoint_id: Id):
    member = require_manager(request)
    return WebhookDelivery.objects.filter(endpoint=_endpoint(member, endpoint_id)).order_by(
        "-created_at", "-id"
    )
