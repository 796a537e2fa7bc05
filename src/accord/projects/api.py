from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Router, Schema
from pydantic import Field

from accord.clients.selectors import client_get_for_member
from accord.core.api_helpers import current_member

from . import selectors, services

API_PREFIX = "/projects"
router = Router(tags=["projects"])


class MilestoneOut(Schema):
    id: int
    name: str
    planned_date: datetime.date
    forecast_date: datetime.date | None
    done_date: datetime.date | None


class ProjectOut(Schema):
    id: int
    client_id: int
    name: str
    status: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    budget: Decimal | None
    currency: str


class ProjectDetailOut(ProjectOut):
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(project) -> list:
        return list(project.milestones.all())


class ProjectIn(Schema):
    client_id: int
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    budget: Decimal | None = None
    currency: str = "EUR"


@router.get("/", response=list[ProjectOut])
def list_projects(request):
    return list(selectors.project_list_for_member(member=current_member(request)))


@router.get("/{project_id}", response=ProjectDetailOut)
def get_project(request, project_id: int):
    return selectors.project_get_for_member(member=current_member(request), project_id=project_id)


@router.post("/", response={201: ProjectOut})
def create_project(request, payload: ProjectIn):
    member = current_member(request)
    data = payload.dict()
    client = client_get_for_member(member=member, client_id=data.pop("client_id"))
    project = services.project_create(client=client, actor=request.user, **data)
    return 201, project
