"""API: change requests with their impact, the client's decision and its evidence."""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from accord.api.listing import Pagination, kept_list, order_by, ordering_param
from accord.api.lookups import in_workspace
from accord.api.permissions import api_member, require_manager
from accord.api.schemas import Id, model_type, text
from accord.clients.models import Contact
from accord.communications.models import Interaction
from accord.projects.models import Milestone
from accord.projects.selectors import project_get_for_member

from . import services
from .models import ChangeRequest

API_PREFIX = "/change-requests"
router = Router(tags=["change requests"])


class ShiftOut(Schema):
    milestone_id: int
    days: int


class ChangeRequestOut(Schema):
    id: int
    project_id: int
    number: int = Field(description="Counts the change requests of its project.")
    workspace_number: int = Field(description="Counts the change requests of the workspace.")
    reference: str = Field(description="The workspace-unique reference people quote: CR-0042.")
    title: str
    description: str
    origin: str
    requested_by_id: int | None
    client_reason: str
    scope_verdict: str
    effort_hours: Decimal | None
    cost: Decimal | None
    risks: str
    status: str
    sent_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    decision_comment: str
    decision_evidence: str
    shifts: list[ShiftOut]

    @staticmethod
    def resolve_shifts(change) -> list:
        return list(change.shifts.all())


class ChangeRequestIn(Schema):
    project_id: Id
    title: model_type(ChangeRequest, "title")
    description: model_type(ChangeRequest, "description")
    requested_by_id: Id | None = None
    client_reason: model_type(ChangeRequest, "client_reason") = ""
    origin_interaction_id: Id | None = None


class ShiftIn(Schema):
    milestone_id: Id
    days: int = Field(ge=-3650, le=3650)


class AssessIn(Schema):
    effort_hours: model_type(ChangeRequest, "effort_hours", minimum=0)
    risks: model_type(ChangeRequest, "risks") = ""
    shifts: list[ShiftIn] = Field(default_factory=list, max_length=100)


class DecideIn(Schema):
    approve: bool
    evidence: text(10_000, min_length=1) = Field(
        description="Where the client decided: e-mail, call, signed document."
    )
    contact_id: Id | None = None
    comment: text(10_000) = ""


class ChangeRequestFilter(Schema):
    project_id: Id | None = None
    status: model_type(ChangeRequest, "status", optional=True) = None


def _change(request, change_id: int) -> ChangeRequest:
    return get_object_or_404(
        ChangeRequest.objects.prefetch_related("shifts"),
        pk=change_id,
        workspace=api_member(request).workspace,
    )


@router.get("/", response=list[ChangeRequestOut])
@kept_list(ChangeRequestOut)
@paginate(Pagination)
def change_request_list(
    request,
    filters: Query[ChangeRequestFilter],
    ordering: ordering_param(
        "created_at", "number", "workspace_number", "decided_at"
    ) = "-created_at",
):
    changes = ChangeRequest.objects.filter(
        workspace=api_member(request).workspace
    ).prefetch_related("shifts")
    if filters.project_id:
        changes = changes.filter(project_id=filters.project_id)
    if filters.status:
        changes = changes.filter(status=filters.status)
    return order_by(changes, ordering)


@router.get("/{change_id}", response=ChangeRequestOut)
def change_request_get(request, change_id: Id):
    return _change(request, change_id)


@router.post("/", response={201: ChangeRequestOut})
def change_request_create(request, payload: ChangeRequestIn):
    """Record a request; the scope check against the contract runs at once."""
    member = api_member(request)
    project = project_get_for_member(member=member, project_id=payload.project_id)
    requested_by = in_workspace(Contact, payload.requested_by_id, member, field="requested_by_id")
    interaction = in_workspace(
        Interaction, payload.origin_interaction_id, member, field="origin_interaction_id"
    )
    change = services.change_request_create(
        project=project,
        actor=request.user,
        title=payload.title,
        description=payload.description,
        requested_by=requested_by,
        client_reason=payload.client_reason,
        origin=ChangeRequest.Origin.MESSAGE if interaction else ChangeRequest.Origin.TYPED,
        origin_interaction=interaction,
    )
    return 201, _change(request, change.pk)


@router.post("/{change_id}/assess", response=ChangeRequestOut)
def change_request_assess(request, change_id: Id, payload: AssessIn):
    """Impact on time, money and risk; the cost comes from the contract's hourly rate."""
    member = api_member(request)
    change = _change(request, change_id)
    shifts = {}
    for shift in payload.shifts:
        milestone = in_workspace(Milestone, shift.milestone_id, member, field="milestone_id")
        shifts[milestone.pk] = shift.days
    services.change_request_assess(
        change=change,
        actor=request.user,
        effort_hours=payload.effort_hours,
        risks=payload.risks,
        shifts=shifts,
    )
    return _change(request, change_id)


@router.post("/{change_id}/send", response=ChangeRequestOut)
def change_request_send(request, change_id: Id):
    """E-mail the change with a one-time decision link to the person who asked."""
    services.change_request_send(change=_change(request, change_id), actor=request.user)
    return _change(request, change_id)


@router.post("/{change_id}/decide", response=ChangeRequestOut)
def change_request_decide(request, change_id: Id, payload: DecideIn):
    """Record the client's decision taken elsewhere, with its evidence (owners and managers)."""
    member = require_manager(request)
    contact = in_workspace(Contact, payload.contact_id, member, field="contact_id")
    services.change_request_decide_by_hand(
        change=_change(request, change_id),
        actor=request.user,
        approve=payload.approve,
        evidence=payload.evidence,
        contact=contact,
        comment=payload.comment,
    )
    return _change(request, change_id)


@router.post("/{change_id}/withdraw", response=ChangeRequestOut)
def change_request_withdraw(request, change_id: Id):
    services.change_request_withdraw(change=_change(request, change_id), actor=request.user)
    return _change(request, change_id)
