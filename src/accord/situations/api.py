"""API: cases (difficult situations) with their playbook steps and reply drafts."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from accord.api.listing import Pagination, kept_list, order_by, ordering_param
from accord.api.lookups import in_workspace
from accord.api.permissions import api_member
from accord.api.schemas import Id, model_type
from accord.communications.models import Interaction
from accord.projects.selectors import project_get_for_member
from accord.workspaces.models import Member

from . import services
from .checker import three_part_check
from .models import OPEN_STATUSES, Case

API_PREFIX = "/cases"
router = Router(tags=["cases"])


class StepOut(Schema):
    id: int
    position: int
    text: str
    done_at: datetime.datetime | None


class CaseOut(Schema):
    id: int
    project_id: int
    situation: str
    severity: str
    status: str
    owner_id: int | None
    root_cause: str
    notes: str
    resolution_summary: str
    opened_at: datetime.datetime
    resolved_at: datetime.datetime | None
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(case) -> list:
        return list(case.steps.all())


class CaseIn(Schema):
    project_id: Id
    situation: model_type(Case, "situation")
    severity: model_type(Case, "severity", optional=True) = None
    interaction_id: Id | None = None


class CaseUpdateIn(Schema):
    status: model_type(Case, "status", optional=True) = None
    severity: model_type(Case, "severity", optional=True) = None
    owner_id: Id | None = None
    root_cause: model_type(Case, "root_cause", optional=True) = None
    notes: model_type(Case, "notes", optional=True) = None
    resolution_summary: model_type(Case, "resolution_summary", optional=True) = None


class CaseFilter(Schema):
    project_id: Id | None = None
    situation: model_type(Case, "situation", optional=True) = None
    status: model_type(Case, "status", optional=True) = None
    open: bool | None = None


class DraftOut(Schema):
    id: int
    language: str
    subject: str
    body: str
    missing_parts: list[str]


def _case(request, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.prefetch_related("steps"),
        pk=case_id,
        workspace=api_member(request).workspace,
    )


@router.get("/", response=list[CaseOut])
@kept_list(CaseOut)
@paginate(Pagination)
def case_list(
    request,
    filters: Query[CaseFilter],
    ordering: ordering_param("opened_at", "severity", "status") = "-opened_at",
):
    cases = Case.objects.filter(workspace=api_member(request).workspace).prefetch_related("steps")
    if filters.project_id:
        cases = cases.filter(project_id=filters.project_id)
    if filters.situation:
        cases = cases.filter(situation=filters.situation)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.open is not None:
        cases = (
            cases.filter(status__in=OPEN_STATUSES)
            if filters.open
            else cases.exclude(status__in=OPEN_STATUSES)
        )
    return order_by(cases, ordering)


@router.get("/{case_id}", response=CaseOut)
def case_get(request, case_id: Id):
    return _case(request, case_id)


@router.post("/", response={201: CaseOut, 200: CaseOut})
def case_create(request, payload: CaseIn):
    """Open a case (201), or add to the open case of the same situation on the project (200)."""
    member = api_member(request)
    project = project_get_for_member(member=member, project_id=payload.project_id)
    interaction = in_workspace(Interaction, payload.interaction_id, member, field="interaction_id")
    case, created = services.case_open(
        project=project,
        situation=payload.situation,
        actor=request.user,
        interaction=interaction,
        severity=payload.severity,
    )
    return (201 if created else 200), _case(request, case.pk)


@router.patch("/{case_id}", response=CaseOut)
def case_update(request, case_id: Id, payload: CaseUpdateIn):
    member = api_member(request)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if "owner_id" in changes:
        changes["owner"] = in_workspace(Member, changes.pop("owner_id"), member, field="owner_id")
    services.case_update(case=_case(request, case_id), actor=request.user, **changes)
    return _case(request, case_id)


@router.post("/{case_id}/steps/{step_id}/toggle", response=CaseOut)
def case_step_toggle(request, case_id: Id, step_id: Id):
    case = _case(request, case_id)
    services.case_step_toggle(step=get_object_or_404(case.steps, pk=step_id), actor=request.user)
    return _case(request, case_id)


@router.post("/{case_id}/drafts", response={201: DraftOut})
def case_draft_create(request, case_id: Id):
    """A reply draft in the contact's language from the case's playbook."""
    draft = services.case_draft_create(case=_case(request, case_id), actor=request.user)
    return 201, {
        "id": draft.pk,
        "language": draft.language,
        "subject": draft.subject,
        "body": draft.body,
        "missing_parts": three_part_check(draft.body).missing,
    }
