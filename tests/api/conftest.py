"""A workspace with one record of every kind the API serves, and another workspace alike."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.api.services import api_token_create
from accord.clients.models import ContactEmail
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.projects.tests.factories import ContractFactory, MilestoneFactory, ProjectFactory
from accord.workspaces.tests.factories import MemberFactory


def seed_workspace(role: str = "owner") -> dict:
    """One of each record in a fresh workspace, and a token of its member."""
    from accord.changes import services as change_services
    from accord.communications.models import Interaction
    from accord.meetings.models import Meeting
    from accord.situations.models import Case

    member = MemberFactory(role=role)
    workspace = member.workspace
    client = ClientFactory(workspace=workspace)
    contact = ContactFactory(client=client, language="en")
    ContactEmail.objects.create(
        workspace=workspace, contact=contact, address=f"c{contact.pk}@client.example"
    )
    project = ProjectFactory(client=client, budget=Decimal("5000"), start_date=None)
    ContractFactory(project=project, hourly_rate=Decimal("80"))
    milestone = MilestoneFactory(project=project, planned_date=datetime.date(2026, 12, 1))
    agreement = AgreementFactory(project=project)
    commitment = CommitmentFactory(project=project, side="client", owner_contact=contact)
    interaction = Interaction.objects.create(
        workspace=workspace,
        project=project,
        client=client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Where is the release?",
        body_text="Where is the release?",
        sender_contact=contact,
    )
    case = Case.objects.create(
        workspace=workspace,
        project=project,
        situation="deadline_risk",
        confirmed_at=timezone.now(),  # a person confirmed it: reply drafts may be written
        confirmed_by=member.user,
    )
    meeting = Meeting.objects.create(
        workspace=workspace,
        project=project,
        title="Weekly",
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    change = change_services.change_request_create(
        project=project,
        actor=member.user,
        title="Export to CSV",
        description="Add an export",
        requested_by=contact,
    )
    token_record, token = api_token_create(member=member, name="tests")
    return {
        "member": member,
        "token": token,
        "token_record": token_record,
        "client": client,
        "contact": contact,
        "project": project,
        "milestone": milestone,
        "agreement": agreement,
        "commitment": commitment,
        "interaction": interaction,
        "case": case,
        "meeting": meeting,
        "change_request": change,
    }


@pytest.fixture
def seeded(db):
    return seed_workspace()


@pytest.fixture
def other_seeded(db):
    return seed_workspace()
