"""Demo change requests: one approved with its plan history, one waiting for the client's decision."""

from __future__ import annotations

from decimal import Decimal

from accord.clients.models import Contact
from accord.projects.models import Project
from accord.workspaces.models import Member

from . import services
from .models import ChangeRequest


def demo_load(workspace) -> None:
    project = (
        Project.objects.filter(workspace=workspace, name="Clinic CRM rollout")
        .select_related("client")
        .first()
    )
    if project is None or ChangeRequest.objects.filter(project=project).exists():
        return
    owner = Member.objects.filter(workspace=workspace, role="owner").select_related("user").first()
    actor = owner.user if owner else None
    sponsor = Contact.objects.filter(workspace=workspace, name="Rachel Adams").first()
    lead = Contact.objects.filter(workspace=workspace, name="James O'Connor").first()
    milestones = {milestone.name: milestone for milestone in project.milestones.all()}
    approved = services.change_request_create(
        project=project,
        actor=actor,
        title="WhatsApp reminders",
        description="Send appointment reminders by WhatsApp as well as SMS.",
        requested_by=sponsor,
        client_reason="Younger patients ignore SMS.",
    )
    services.change_request_assess(
        change=approved,
        actor=actor,
        effort_hours=Decimal("32"),
        risks="WhatsApp Business approval can take a week.",
        shifts={milestones["All clinics live"].pk: 5} if "All clinics live" in milestones else {},
    )
    services.change_request_decide_by_hand(
        change=approved,
        actor=actor,
        approve=True,
        contact=sponsor,
        evidence="E-mail from Rachel Adams",
        comment="Go ahead.",
    )
    sent = services.change_request_create(
        project=project,
        actor=actor,
        title="Online payments for treatments",
        description="Patients should pay for treatments online when booking.",
        requested_by=lead,
    )
    services.change_request_assess(
        change=sent,
        actor=actor,
        effort_hours=Decimal("60"),
        risks="PCI compliance; card provider contract needed.",
    )
    services.change_request_send(change=sent, actor=actor)
