"""API: the agreement log (with versions) and both sides' commitments."""

import datetime
from decimal import Decimal

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from accord.api.listing import Pagination, kept_list, order_by, ordering_param
from accord.api.lookups import in_workspace
from accord.api.permissions import api_member
from accord.api.schemas import Id, model_type, text
from accord.clients.models import Contact
from accord.core.history_api import HistoryOut, history_out
from accord.projects.models import Milestone
from accord.projects.selectors import project_get_for_member
from accord.workspaces.models import Member

from . import selectors, services
from .models import Agreement, Commitment

API_PREFIX = "/agreements"
router = Router(tags=["agreements"])
commitments_router = Router(tags=["commitments"])


class AgreementOut(Schema):
    id: int
    project_id: int
    title: str
    details: str
    source: str
    source_reference: str
    decided_on: datetime.date
    accepted_by_id: int | None
    status: str
    version: int
    supersedes_id: int | None
    reversed_at: datetime.datetime | None
    reversal_note: str


class AgreementIn(Schema):
    project_id: Id
    title: model_type(Agreement, "title")
    details: model_type(Agreement, "details") = ""
    source: model_type(Agreement, "source")
    source_reference: model_type(Agreement, "source_reference") = ""
    decided_on: model_type(Agreement, "decided_on")
    accepted_by_id: Id | None = None
    status: model_type(Agreement, "status") = "accepted"


class AgreementRevision(Schema):
    title: model_type(Agreement, "title", optional=True) = None
    details: model_type(Agreement, "details", optional=True) = None
    source_reference: model_type(Agreement, "source_reference", optional=True) = None
    decided_on: model_type(Agreement, "decided_on", optional=True) = None


class AgreementStatusIn(Schema):
    status: model_type(Agreement, "status")


class AgreementReverseIn(Schema):
    reversed_by_contact_id: Id | None = None
    note: text() = ""


class AgreementFilter(Schema):
    project_id: Id | None = None
    status: model_type(Agreement, "status", optional=True) = None
    include_superseded: bool = Field(False, description="Also list older versions.")


class CommitmentOut(Schema):
    id: int
    project_id: int
    milestone_id: int | None
    title: str
    side: str
    owner_member_id: int | None
    owner_contact_id: int | None
    due_date: datetime.date
    status: str
    done_at: datetime.datetime | None
    estimate_hours: Decimal | None
    origin_label: str


class CommitmentIn(Schema):
    project_id: Id
    title: model_type(Commitment, "title")
    side: model_type(Commitment, "side")
    due_date: model_type(Commitment, "due_date")
    owner_contact_id: Id | None = None
    owner_member_id: Id | None = None
    milestone_id: Id | None = None
    estimate_hours: model_type(Commitment, "estimate_hours", optional=True, minimum=0) = None


class CommitmentPatch(Schema):
    title: model_type(Commitment, "title", optional=True) = None
    due_date: model_type(Commitment, "due_date", optional=True) = None
    status: model_type(Commitment, "status", optional=True) = None
    owner_contact_id: Id | None = None
    owner_member_id: Id | None = None
    milestone_id: Id | None = None
    estimate_hours: model_type(Commitment, "estimate_hours", optional=True, minimum=0) = None


class CommitmentFilter(Schema):
    project_id: Id | None = None
    side: model_type(Commitment, "side", optional=True) = None
    status: model_type(Commitment, "status", optional=True) = None
    overdue: bool | None = Field(None, description="Open and past the due date.")


def _agreement(request, agreement_id: int) -> Agreement:
    return selectors.agreement_get_for_member(member=api_member(request), agreement_id=agreement_id)


@router.get("/", response=list[AgreementOut])
@kept_list(AgreementOut)
@paginate(Pagination)
def agreement_list(
    request,
    filters: Query[AgreementFilter],
    ordering: ordering_param("decided_on", "created_at", "title") = "-decided_on",
):
    agreements = Agreement.objects.filter(workspace=api_member(request).workspace)
    if filters.project_id:
        agreements = agreements.filter(project_id=filters.project_id)
    if filters.status:
        agreements = agreements.filter(status=filters.status)
    elif not filters.include_superseded:
        agreements = agreements.exclude(status=Agreement.Status.SUPERSEDED)
    return order_by(agreements, ordering)


@router.post("/", response={201: AgreementOut})
def agreement_create(request, payload: AgreementIn):
    member = api_member(request)
    data = payload.dict()
    project = project_get_for_member(member=member, project_id=data.pop("project_id"))
    accepted_by = in_workspace(Contact, data.pop("accepted_by_id"), member, field="accepted_by_id")
    agreement = services.agreement_record(
        project=project, actor=request.user, accepted_by=accepted_by, **data
    )
    return 201, agreement


@router.get("/{agreement_id}", response=AgreementOut)
def agreement_get(request, agreement_id: Id):
    return _agreement(request, agreement_id)


@router.get("/{agreement_id}/versions", response=list[AgreementOut])
def agreement_versions(request, agreement_id: Id):
    """Every version of this decision, first to last."""
    return list(selectors.agreement_history(agreement=_agreement(request, agreement_id)))


@router.get("/{agreement_id}/history", response=list[HistoryOut])
def agreement_audit(request, agreement_id: Id):
    """Who changed this decision (all its versions) and how: the audit log, oldest first."""
    return history_out(_agreement(request, agreement_id))


@router.post("/{agreement_id}/revise", response={201: AgreementOut})
def agreement_revise(request, agreement_id: Id, payload: AgreementRevision):
    """A new version that supersedes this one; the old version stays unchanged."""
    changes = {key: value for key, value in payload.dict().items() if value is not None}
    return 201, services.agreement_revise(
        agreement=_agreement(request, agreement_id), actor=request.user, **changes
    )


@router.post("/{agreement_id}/status", response=AgreementOut)
def agreement_status(request, agreement_id: Id, payload: AgreementStatusIn):
    return services.agreement_set_status(
        agreement=_agreement(request, agreement_id), status=payload.status, actor=request.user
    )


@router.post("/{agreement_id}/reverse", response=AgreementOut)
def agreement_reverse(request, agreement_id: Id, payload: AgreementReverseIn):
    """The client went back on an accepted decision (kept, marked reversed)."""
    member = api_member(request)
    contact = in_workspace(
        Contact, payload.reversed_by_contact_id, member, field="reversed_by_contact_id"
    )
    return services.agreement_reverse(
        agreement=_agreement(request, agreement_id),
        actor=request.user,
        reversed_by_contact=contact,
        note=payload.note,
    )


# -- commitments --------------------------------------------------------------------------


def _commitment_relations(member, data: dict) -> dict:
    relations = {}
    if "owner_contact_id" in data:
        relations["owner_contact"] = in_workspace(
            Contact, data.pop("owner_contact_id"), member, field="owner_contact_id"
        )
    if "owner_member_id" in data:
        relations["owner_member"] = in_workspace(
            Member, data.pop("owner_member_id"), member, field="owner_member_id"
        )
    if "milestone_id" in data:
        relations["milestone"] = in_workspace(
            Milestone, data.pop("milestone_id"), member, field="milestone_id"
        )
    return relations


@commitments_router.get("/", response=list[CommitmentOut])
@kept_list(CommitmentOut)
@paginate(Pagination)
def commitment_list(
    request,
    filters: Query[CommitmentFilter],
    ordering: ordering_param("due_date", "created_at", "title") = "due_date",
):
    from django.utils import timezone

    commitments = Commitment.objects.filter(workspace=api_member(request).workspace)
    if filters.project_id:
        commitments = commitments.filter(project_id=filters.project_id)
    if filters.side:
        commitments = commitments.filter(side=filters.side)
    if filters.status:
        commitments = commitments.filter(status=filters.status)
    if filters.overdue is not None:
        overdue = {"status": Commitment.Status.OPEN, "due_date__lt": timezone.localdate()}
        commitments = (
            commitments.filter(**overdue) if filters.overdue else commitments.exclude(**overdue)
        )
    return order_by(commitments, ordering)


@commitments_router.post("/", response={201: CommitmentOut})
def commitment_create(request, payload: CommitmentIn):
    member = api_member(request)
    data = payload.dict()
    project = project_get_for_member(member=member, project_id=data.pop("project_id"))
    relations = _commitment_relations(member, data)
    return 201, services.commitment_create(project=project, actor=request.user, **relations, **data)


@commitments_router.get("/{commitment_id}", response=CommitmentOut)
def commitment_get(request, commitment_id: Id):
    return selectors.commitment_get_for_member(
        member=api_member(request), commitment_id=commitment_id
    )


@commitments_router.patch("/{commitment_id}", response=CommitmentOut)
def commitment_update(request, commitment_id: Id, payload: CommitmentPatch):
    member = api_member(request)
    commitment = selectors.commitment_get_for_member(member=member, commitment_id=commitment_id)
    data = {
        key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None
    }
    relations = _commitment_relations(member, data)
    return services.commitment_update(
        commitment=commitment, actor=request.user, **relations, **data
    )


@commitments_router.post("/{commitment_id}/complete", response=CommitmentOut)
def commitment_complete(request, commitment_id: Id):
    commitment = selectors.commitment_get_for_member(
        member=api_member(request), commitment_id=commitment_id
    )
    return services.commitment_complete(commitment=commitment, actor=request.user)


API_ROUTERS = [("/commitments", commitments_router)]
