from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from accord.core.api_helpers import current_member
from accord.projects.selectors import project_get_for_member

from . import services
from .models import Meeting

API_PREFIX = "/meetings"
router = Router(tags=["meetings"])


class AgendaItemOut(Schema):
    section: str
    text: str


class MeetingOut(Schema):
    id: int
    project_id: int
    kind: str
    title: str
    starts_at: datetime.datetime
    duration_minutes: int
    status: str
    agenda: list[AgendaItemOut]
    checks: list[str]

    @staticmethod
    def resolve_agenda(meeting) -> list:
        return list(meeting.agenda_items.order_by("position", "id"))

    @staticmethod
    def resolve_checks(meeting) -> list[str]:
        return [check.text for check in services.meeting_checks(meeting)]


class MeetingIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    kind: str = Field(default="call", pattern="^(call|meeting|demo|kickoff)$")
    starts_at: datetime.datetime
    duration_minutes: int = Field(default=60, ge=5, le=600)
    location: str = ""
    contact_ids: list[int] = []


@router.get("/project/{project_id}", response=list[MeetingOut])
def list_meetings(request, project_id: int):
    project = project_get_for_member(member=current_member(request), project_id=project_id)
    return list(Meeting.objects.filter(project=project).order_by("-starts_at"))


@router.get("/{meeting_id}", response=MeetingOut)
def get_meeting(request, meeting_id: int):
    return get_object_or_404(Meeting, pk=meeting_id, workspace=current_member(request).workspace)


@router.post("/project/{project_id}", response={201: MeetingOut})
def create_meeting(request, project_id: int, payload: MeetingIn):
    member = current_member(request)
    project = project_get_for_member(member=member, project_id=project_id)
    data = payload.dict()
    contacts = list(project.client.contacts.filter(pk__in=data.pop("contact_ids")))
    meeting = services.meeting_create(
        project=project, actor=request.user, contacts=contacts, **data
    )
    return 201, meeting
