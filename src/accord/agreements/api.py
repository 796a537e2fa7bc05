from __future__ import annotations

import datetime

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from accord.clients.models import Contact
from accord.core.api_helpers import current_member
from accord.projects.selectors import project_get_for_member

from . import selectors, services

API_PREFIX = "/agreements"
router = Router(tags=["agreements"])


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


class AgreementIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    details: str = ""
    source: str
    source_reference: str = ""
    decided_on: datetime.date
    accepted_by_id: int | None = None
    status: str = "accepted"


class AgreementRevision(Schema):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    details: str | None = None
    decided_on: datetime.date | None = None


class CommitmentOut(Schema):
    id: int
    project_id: int
    title: str
    side: str
    owner_member_id: int | None
    owner_contact_id: int | None
    due_date: datetime.date
    status: str


class CommitmentIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    side: str = Field(pattern="^(ours|client)$")
    due_date: datetime.date
    owner_contact_id: int | None = None
    owner_member_id: int | None = None


def _contact(member, contact_id):
    if contact_id is None:
        return None
    contact = Contact.objects.filter(pk=contact_id, workspace=member.workspace).first()
    if contact is None:
        raise HttpError(422, "Unknown contact.")
    return contact


@router.get("/project/{project_id}", response=list[AgreementOut])
def list_agreements(request, project_id: int, include_superseded: bool = False):
    project = project_get_for_member(member=current_member(request), project_id=project_id)
    return list(
        selectors.agreement_list_for_project(project=project, include_superseded=include_superseded)
    )


@router.get("/{agreement_id}", response=AgreementOut)
def get_agreement(request, agreement_id: int):
    return selectors.agreement_get_for_member(
        member=current_member(request), agreement_id=agreement_id
    )


@router.get("/{agreement_id}/history", response=list[AgreementOut])
def agreement_history(request, agreement_id: int):
    agreement = selectors.agreement_get_for_member(
        member=current_member(request), agreement_id=agreement_id
    )
    return list(selectors.agreement_history(agreement=agreement))


@router.post("/project/{project_id}", response={201: AgreementOut})
def create_agreement(request, project_id: int, payload: AgreementIn):
    member = current_member(request)
    project = project_get_for_member(member=member, project_id=project_id)
    data = payload.dict()
    accepted_by = _contact(member, data.pop("accepted_by_id"))
    agreement = services.agreement_record(
        project=project, actor=request.user, accepted_by=accepted_by, **data
    )
    return 201, agreement


@router.post("/{agreement_id}/revise", response={201: AgreementOut})
def revise_agreement(request, agreement_id: int, payload: AgreementRevision):
    agreement = selectors.agreement_get_for_member(
        member=current_member(request), agreement_id=agreement_id
    )
    changes = {key: value for key, value in payload.dict().items() if value is not None}
    new_version = services.agreement_revise(agreement=agreement, actor=request.user, **changes)
    return 201, new_version


@router.get("/commitments/project/{project_id}", response=list[CommitmentOut])
def list_commitments(request, project_id: int):
    project = project_get_for_member(member=current_member(request), project_id=project_id)
    return list(selectors.commitment_list_for_project(project=project))


@router.post("/commitments/project/{project_id}", response={201: CommitmentOut})
def create_commitment(request, project_id: int, payload: CommitmentIn):
    from accord.workspaces.models import Member

    member = current_member(request)
    project = project_get_for_member(member=member, project_id=project_id)
    data = payload.dict()
    owner_contact = _contact(member, data.pop("owner_contact_id"))
    owner_member_id = data.pop("owner_member_id")
    owner_member = (
        Member.objects.filter(pk=owner_member_id, workspace=member.workspace).first()
        if owner_member_id
        else None
    )
    commitment = services.commitment_create(
        project=project,
        actor=request.user,
        owner_contact=owner_contact,
        owner_member=owner_member,
        **data,
    )
    return 201, commitment
