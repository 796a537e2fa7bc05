import datetime

import pytest
from django.utils import timezone

from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.projects.tests.factories import ContractFactory, MilestoneFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_dashboard_lists_open_problems_of_each_side(member_client, member):
    today = timezone.localdate()
    project = ProjectFactory(
        client__workspace=member.workspace,
        name="Warehouse ERP",
        start_date=today - datetime.timedelta(days=100),
    )
    CommitmentFactory(project=project, side="client", due_date=today - datetime.timedelta(days=3))
    CommitmentFactory(project=project, side="ours", due_date=today - datetime.timedelta(days=1))
    CommitmentFactory(project=project, side="ours", due_date=today + datetime.timedelta(days=5))
    MilestoneFactory(project=project, name="Pilot", planned_date=today - datetime.timedelta(days=2))
    AgreementFactory(project=project, status="reversed")

    page = member_client.get("/").content.decode()

    assert "Warehouse ERP" in page
    assert "1 client commitment is overdue." in page
    assert "1 of our commitments is overdue." in page
    assert "Pilot" in page
    assert "reversed 1 accepted decision" in page


def test_setup_checklist_is_shown_until_rules_are_agreed(member_client, member):
    today = timezone.localdate()
    project = ProjectFactory(
        client__workspace=member.workspace, start_date=today - datetime.timedelta(days=10)
    )
    contract = ContractFactory(project=project)

    incomplete = member_client.get(f"/projects/{project.pk}/").content.decode()
    contract.meeting_cadence = "weekly"
    contract.documentation_list = "Specification\nMinutes"
    contract.escalation_path = "PMs, then directors, then a mediator"
    contract.save()
    CommitmentFactory(project=project, side="ours", due_date=today + datetime.timedelta(days=3))
    CommitmentFactory(project=project, side="client", due_date=today + datetime.timedelta(days=3))
    complete = member_client.get(f"/projects/{project.pk}/").content.decode()

    assert "Setup incomplete" in incomplete
    assert "Setup incomplete" not in complete


def test_ui_language_follows_member_choice(member_client, member):
    response = member_client.post("/language/", {"language": "pl", "next": "/"})
    page = member_client.get("/clients/").content.decode()

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "pl"
    assert "Klienci" in page
