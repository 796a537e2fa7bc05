"""Demo cases on the troubled engagement, with reply drafts ready to read."""

from __future__ import annotations

from accord.communications.models import Interaction
from accord.projects.models import Project
from accord.workspaces.models import Member

from . import services
from .models import CaseDraft

# (message subject, situations the message shows)
DEMO_CASES = [
    ("Сроки этапа 2", ["deadline_risk", "escalation_threat"]),
    ("Re: Выгрузка остатков", ["no_feedback", "out_of_scope_request"]),
]


def demo_load(workspace) -> None:
    project = Project.objects.filter(workspace=workspace, name="Внедрение 1С:ERP").first()
    # Triage may already have opened cases from the demo e-mails; drafts mark a loaded demo.
    if project is None or CaseDraft.objects.filter(case__project=project).exists():
        return
    owner = Member.objects.filter(workspace=workspace, role="owner").select_related("user").first()
    manager = (
        Member.objects.filter(workspace=workspace, user__username="anna.pm")
        .select_related("user")
        .first()
    )
    actor = owner.user if owner else None
    for subject, situations in DEMO_CASES:
        message = Interaction.objects.filter(
            project=project, subject=subject, direction="in"
        ).first()
        for situation in situations:
            case, _created = services.case_open(
                project=project,
                situation=situation,
                actor=actor,
                interaction=message,
                owner=manager,
                urgency="high",
                tone="negative",
                labels=situations,
            )
            drafter = manager.user if manager else actor
            # In the demo the manager has read the messages: the situations are confirmed.
            if case.confirmed_at is None and drafter is not None:
                services.case_confirm(case=case, actor=drafter)
            if not case.drafts.exists() and not services.case_draft_needs_confirmation(case):
                services.case_draft_create(case=case, actor=drafter)
