"""API: meetings with their agenda and checks."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from accord.api.listing import Pagination, kept_list, order_by, ordering_param
from accord.api.permissions import api_member
from accord.api.schemas import DateTime, Id, model_type, text
from accord.projects.selectors import project_get_for_member

from . import services
from .models import AgendaItem, Meeting

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
    location: str
    status: str
    held_at: datetime.datetime | None
    objection_status: str
    agenda: list[AgendaItemOut]
    checks: list[str]

    @staticmethod
    def resolve_agenda(meeting) -> list:
        if "agenda_items" in getattr(meeting, "_prefetched_objects_cache", {}):
            return list(meeting.agenda_items.all())  # prefetched in that order by the list
        return list(meeting.agenda_items.order_by("position", "id"))

    @staticmethod
    def resolve_checks(meeting) -> list[str]:
        return [str(check.text) for check in services.meeting_checks(meeting)]


class MeetingIn(Schema):
    project_id: Id
    title: model_type(Meeting, "title")
    kind: model_type(Meeting, "kind") = "call"
    starts_at: DateTime
    duration_minutes: int = Field(default=60, ge=5, le=600)
    location: model_type(Meeting, "location") = ""
    contact_ids: list[Id] = Field(default_factory=list, max_length=50)
    topics: list[text(500, min_length=1)] = Field(default_factory=list, max_length=50)


class MeetingFilter(Schema):
    project_id: Id | None = None
    status: model_type(Meeting, "status", optional=True) = None
    since: DateTime | None = None


def _meeting(request, meeting_id: int) -> Meeting:
    return get_object_or_404(Meeting, pk=meeting_id, workspace=api_member(request).workspace)


@router.get("/", response=list[MeetingOut])
@kept_list(MeetingOut)
@paginate(Pagination)
def meeting_list(
    request,
    filters: Query[MeetingFilter],
    ordering: ordering_param("starts_at", "created_at") = "-starts_at",
):
    # Everything the rows and their checks read, loaded once for the page (not per meeting).
    meetings = (
        Meeting.objects.filter(workspace=api_member(request).workspace)
        .select_related("project__client")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "id")),
            "attendee_contacts",
            "project__client__contacts",
        )
    )
    if filters.project_id:
        meetings = meetings.filter(project_id=filters.project_id)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.since:
        meetings = meetings.filter(starts_at__gte=filters.since)
    return order_by(meetings, ordering)


@router.get("/{meeting_id}", response=MeetingOut)
def meeting_get(request, meeting_id: Id):
    return _meeting(request, meeting_id)


@router.post("/", response={201: MeetingOut})
def meeting_create(request, payload: MeetingIn):
    """Plan a meeting; the agenda starts with what was agreed and the open commitments."""
    member = api_member(request)
    data = payload.dict()
    project = project_get_for_member(member=member, project_id=data.pop("project_id"))
    contacts = list(project.client.contacts.filter(pk__in=data.pop("contact_ids")))
    meeting = services.meeting_create(
        project=project,
        actor=request.user,
        contacts=contacts,
        topics=data.pop("topics") or None,
        **data,
    )
    return 201, meeting


@router.post("/{meeting_id}/held", response=MeetingOut)
def meeting_held(request, meeting_id: Id):
    return services.meeting_mark_held(meeting=_meeting(request, meeting_id), actor=request.user)
