from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from accord.core.api_helpers import current_member
from accord.projects.selectors import project_get_for_member

from . import services
from .catalogue import SITUATION_IDS
from .checker import three_part_check
from .models import Case

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
    root_cause: str
    opened_at: datetime.datetime
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(case) -> list:
        return list(case.steps.all())


class CaseIn(Schema):
    project_id: int
    situation: str = Field(pattern="^(" + "|".join(SITUATION_IDS) + ")$")


class CaseUpdateIn(Schema):
    status: str | None = Field(default=None, pattern="^(open|in_progress|waiting|resolved|closed)$")
    severity: str | None = Field(default=None, pattern="^(low|medium|high|critical)$")
    root_cause: str | None = None
    resolution_summary: str | None = None


class DraftOut(Schema):
    id: int
    language: str
    subject: str
    body: str
    missing_parts: list[str]


def _case(request, case_id: int) -> Case:
    return get_object_or_404(Case, pk=case_id, workspace=current_member(request).workspace)


@router.get("/", response=list[CaseOut])
def list_cases(request, status: str = "open"):
    cases = Case.objects.filter(workspace=current_member(request).workspace).prefetch_related(
        "steps"
    )
    if status == "open":
        cases = cases.filter(status__in=["open", "in_progress", "waiting"])
    return list(cases[:500])


@router.get("/{case_id}", response=CaseOut)
def get_case(request, case_id: int):
    return _case(request, case_id)


@router.post("/", response={201: CaseOut, 200: CaseOut})
def open_case(request, payload: CaseIn):
    project = project_get_for_member(member=current_member(request), project_id=payload.project_id)
    case, created = services.case_open(
        project=project, situation=payload.situation, actor=request.user
    )
    return (201 if created else 200), case


@router.patch("/{case_id}", response=CaseOut)
def update_case(request, case_id: int, payload: CaseUpdateIn):
    return services.case_update(
        case=_case(request, case_id),
        actor=request.user,
        **{k: v for k, v in payload.dict().items() if v is not None},
    )


@router.post("/{case_id}/steps/{step_id}/toggle", response=CaseOut)
def toggle_step(request, case_id: int, step_id: int):
    case = _case(request, case_id)
    services.case_step_toggle(step=get_object_or_404(case.steps, pk=step_id), actor=request.user)
    return case


@router.post("/{case_id}/drafts", response={201: DraftOut})
def create_draft(request, case_id: int):
    draft = services.case_draft_create(case=_case(request, case_id), actor=request.user)
    return 201, {
        "id": draft.pk,
        "language": draft.language,
        "subject": draft.subject,
        "body": draft.body,
        "missing_parts": three_part_check(draft.body).missing,
    }
