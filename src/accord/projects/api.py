"""API: projects, their contract and milestones."""

import datetime
from decimal import Decimal

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from accord.api.listing import Pagination, kept_list, order_by, ordering_param
from accord.api.permissions import api_member, require_manager
from accord.api.schemas import Id, model_type
from accord.clients.selectors import client_get_for_member
from accord.core.deletion import record_delete

from . import selectors, services
from .models import Contract, Milestone, Project

API_PREFIX = "/projects"
router = Router(tags=["projects"])
milestones_router = Router(tags=["milestones"])


class MilestoneOut(Schema):
    id: int
    project_id: int
    name: str
    deliverable: str
    planned_date: datetime.date
    forecast_date: datetime.date | None
    done_date: datetime.date | None
    demoed_at: datetime.datetime | None


class ProjectOut(Schema):
    id: int
    client_id: int
    name: str
    description: str
    status: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    budget: Decimal | None
    currency: str
    max_client_attendees: int
    silence_threshold_days: int


class ProjectDetailOut(ProjectOut):
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(project) -> list:
        return list(project.milestones.all())


class ProjectIn(Schema):
    client_id: Id
    name: model_type(Project, "name")
    description: model_type(Project, "description") = ""
    status: model_type(Project, "status") = "active"
    start_date: model_type(Project, "start_date", optional=True) = None
    end_date: model_type(Project, "end_date", optional=True) = None
    budget: model_type(Project, "budget", optional=True) = None
    currency: model_type(Project, "currency") = "EUR"
    max_client_attendees: model_type(Project, "max_client_attendees") = 4
    silence_threshold_days: model_type(Project, "silence_threshold_days") = 3


class ProjectPatch(Schema):
    name: model_type(Project, "name", optional=True) = None
    description: model_type(Project, "description", optional=True) = None
    status: model_type(Project, "status", optional=True) = None
    start_date: model_type(Project, "start_date", optional=True) = None
    end_date: model_type(Project, "end_date", optional=True) = None
    budget: model_type(Project, "budget", optional=True) = None
    currency: model_type(Project, "currency", optional=True) = None
    max_client_attendees: model_type(Project, "max_client_attendees", optional=True) = None
    silence_threshold_days: model_type(Project, "silence_threshold_days", optional=True) = None


class ProjectFilter(Schema):
    client_id: Id | None = None
    status: model_type(Project, "status", optional=True) = None


class ContractOut(Schema):
    id: int
    project_id: int
    number: str
    signed_date: datetime.date | None
    hourly_rate: Decimal | None
    payment_terms_days: int
    response_time_hours: int
    meeting_cadence: str
    documentation_list: str
    escalation_path: str
    notes: str


class ContractPatch(Schema):
    number: model_type(Contract, "number", optional=True) = None
    signed_date: model_type(Contract, "signed_date", optional=True) = None
    hourly_rate: model_type(Contract, "hourly_rate", optional=True) = None
    payment_terms_days: model_type(Contract, "payment_terms_days", optional=True) = None
    response_time_hours: model_type(Contract, "response_time_hours", optional=True) = None
    meeting_cadence: model_type(Contract, "meeting_cadence", optional=True) = None
    documentation_list: model_type(Contract, "documentation_list", optional=True) = None
    escalation_path: model_type(Contract, "escalation_path", optional=True) = None
    notes: model_type(Contract, "notes", optional=True) = None


class MilestoneIn(Schema):
    project_id: Id
    name: model_type(Milestone, "name")
    planned_date: model_type(Milestone, "planned_date")
    deliverable: model_type(Milestone, "deliverable") = ""
    forecast_date: model_type(Milestone, "forecast_date", optional=True) = None


class MilestonePatch(Schema):
    name: model_type(Milestone, "name", optional=True) = None
    planned_date: model_type(Milestone, "planned_date", optional=True) = None
    deliverable: model_type(Milestone, "deliverable", optional=True) = None
    forecast_date: model_type(Milestone, "forecast_date", optional=True) = None
    done_date: model_type(Milestone, "done_date", optional=True) = None


class MilestoneFilter(Schema):
    project_id: Id | None = None


def _changes(payload: Schema) -> dict:
    return {
        key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None
    }


@router.get("/", response=list[ProjectOut])
@kept_list(ProjectOut)
@paginate(Pagination)
def project_list(
    request,
    filters: Query[ProjectFilter],
    ordering: ordering_param("name", "start_date", "end_date", "created_at") = "name",
):
    projects = Project.objects.filter(workspace=api_member(request).workspace)
    if filters.client_id:
        projects = projects.filter(client_id=filters.client_id)
    if filters.status:
        projects = projects.filter(status=filters.status)
    return order_by(projects, ordering)


@router.post("/", response={201: ProjectOut})
def project_create(request, payload: ProjectIn):
    member = api_member(request)
    data = payload.dict()
    client = client_get_for_member(member=member, client_id=data.pop("client_id"))
    return 201, services.project_create(client=client, actor=request.user, **data)


@router.get("/{project_id}", response=ProjectDetailOut)
def project_get(request, project_id: Id):
    return selectors.project_get_for_member(member=api_member(request), project_id=project_id)


@router.patch("/{project_id}", response=ProjectOut)
def project_update(request, project_id: Id, payload: ProjectPatch):
    project = selectors.project_get_for_member(member=api_member(request), project_id=project_id)
    return services.project_update(project=project, actor=request.user, **_changes(payload))


@router.delete("/{project_id}", response={204: None})
def project_delete(request, project_id: Id):
    """Owners and managers; refused (409) while agreements or messages are recorded for it."""
    member = require_manager(request)
    project = selectors.project_get_for_member(member=member, project_id=project_id)
    record_delete(
        instance=project,
        workspace=member.workspace,
        actor=request.user,
        blockers={
            "agreements": project.agreements.all(),
            "messages": project.interactions.all(),
            "change requests": project.change_requests.all(),
        },
    )
    return 204, None


@router.get("/{project_id}/contract", response=ContractOut)
def project_contract_get(request, project_id: Id):
    project = selectors.project_get_for_member(member=api_member(request), project_id=project_id)
    return services.contract_for_project(project=project)


@router.patch("/{project_id}/contract", response=ContractOut)
def project_contract_update(request, project_id: Id, payload: ContractPatch):
    project = selectors.project_get_for_member(member=api_member(request), project_id=project_id)
    contract = services.contract_for_project(project=project)
    changes = _changes(payload)
    changes.setdefault("meeting_cadence", contract.meeting_cadence)
    return services.contract_update(contract=contract, actor=request.user, **changes)


# -- milestones ---------------------------------------------------------------------------


@milestones_router.get("/", response=list[MilestoneOut])
@kept_list(MilestoneOut)
@paginate(Pagination)
def milestone_list(
    request,
    filters: Query[MilestoneFilter],
    ordering: ordering_param("planned_date", "name", "created_at") = "planned_date",
):
    milestones = Milestone.objects.filter(workspace=api_member(request).workspace)
    if filters.project_id:
        milestones = milestones.filter(project_id=filters.project_id)
    return order_by(milestones, ordering)


@milestones_router.post("/", response={201: MilestoneOut})
def milestone_create(request, payload: MilestoneIn):
    member = api_member(request)
    data = payload.dict()
    project = selectors.project_get_for_member(member=member, project_id=data.pop("project_id"))
    return 201, services.milestone_create(project=project, actor=request.user, **data)


@milestones_router.get("/{milestone_id}", response=MilestoneOut)
def milestone_get(request, milestone_id: Id):
    return selectors.milestone_get_for_member(member=api_member(request), milestone_id=milestone_id)


@milestones_router.patch("/{milestone_id}", response=MilestoneOut)
def milestone_update(request, milestone_id: Id, payload: MilestonePatch):
    milestone = selectors.milestone_get_for_member(
        member=api_member(request), milestone_id=milestone_id
    )
    return services.milestone_update(milestone=milestone, actor=request.user, **_changes(payload))


@milestones_router.delete("/{milestone_id}", response={204: None})
def milestone_delete(request, milestone_id: Id):
    """Owners and managers; refused (409) while commitments belong to it."""
    member = require_manager(request)
    milestone = selectors.milestone_get_for_member(member=member, milestone_id=milestone_id)
    record_delete(
        instance=milestone,
        workspace=member.workspace,
        actor=request.user,
        blockers={"commitments": milestone.commitments.all()},
    )
    return 204, None


API_ROUTERS = [("/milestones", milestones_router)]
