"""One promised date per milestone, and approvals that would move a milestone into the past."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.agreements.tests.factories import CommitmentFactory
from accord.changes import services
from accord.changes.forecasts import milestone_forecast
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.core.errors import DomainError
from accord.core.formatting import format_date, workspace_time_zone
from accord.projects.tests.factories import ContractFactory, MilestoneFactory, ProjectFactory
from accord.situations.drafting import case_draft_render
from accord.situations.services import case_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(member):
    client = ClientFactory(workspace=member.workspace, language="pl")
    project = ProjectFactory(client=client, budget=Decimal("10000.00"))
    ContractFactory(project=project, hourly_rate=Decimal("100.00"))
    return project


@pytest.fixture
def contact(project):
    return ContactFactory(client=project.client, name="Ewa Nowak", role="decision_maker")


@pytest.fixture(autouse=True)
def _workspace_zone(member):
    """The test computes forecasts as a task does, in the workspace's zone, which is also the
    zone its member's pages run in: otherwise, between midnight in the workspace and midnight
    in UTC, the test's "today" and the page's are different days."""
    with workspace_time_zone(member.workspace):
        yield


def _today():
    return timezone.localdate()


def test_computed_forecast_proposes_a_person_accepts_and_every_text_shows_that_date(
    project, member, member_client, contact
):
    milestone = MilestoneFactory(
        project=project, name="Katalog", planned_date=_today() + datetime.timedelta(days=3)
    )
    CommitmentFactory(
        project=project,
        milestone=milestone,
        side="ours",
        estimate_hours=Decimal("80"),
        due_date=_today() + datetime.timedelta(days=2),
    )
    forecast = milestone_forecast(milestone=milestone)
    proposal = forecast.forecast
    assert proposal > milestone.planned_date

    # Before anyone accepts, the page shows the proposal and offers no delay notice.
    page = member_client.get(f"/changes/milestone/{milestone.pk}/").content.decode()
    assert "Accept this date as our promise" in page
    assert "drafts/project" not in page

    response = member_client.post(
        f"/changes/milestone/{milestone.pk}/promise/", {"date": proposal.isoformat()}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.promised_date == proposal == milestone.forecast_date

    shown = format_date(proposal, "pl")
    _subject, notice = services.delay_notice(
        forecast=milestone_forecast(milestone=milestone), contact=contact, sender="Piotr"
    )
    case, _created = case_open(project=project, situation="deadline_risk", actor=member.user)
    draft = case_draft_render(case=case, sender_name="Piotr", contact=contact)
    forecast_page = member_client.get(f"/changes/milestone/{milestone.pk}/").content.decode()
    assert shown in notice
    assert shown in draft.body
    assert f'class="promised-date">{format_date(proposal, "en")}' in forecast_page
    assert "Accept this date as our promise" not in forecast_page
    assert "drafts/project" in forecast_page  # the notice is offered, by POST
    project_page = member_client.get(f"/projects/{project.pk}/").content.decode()
    assert f'class="promised-date">{format_date(proposal, "en")}' in project_page


def test_a_promised_date_in_the_past_is_refused(project, member):
    milestone = MilestoneFactory(project=project, planned_date=_today())
    with pytest.raises(DomainError):
        services.milestone_promise_accept(
            milestone=milestone, actor=member.user, date=_today() - datetime.timedelta(days=1)
        )
    milestone.refresh_from_db()
    assert milestone.forecast_date is None


def test_drafts_never_promise_a_past_date(project, member, contact):
    MilestoneFactory(project=project, planned_date=_today() - datetime.timedelta(days=10))
    case, _created = case_open(project=project, situation="deadline_risk", actor=member.user)
    draft = case_draft_render(case=case, sender_name="Piotr", contact=contact)
    past = format_date(_today() - datetime.timedelta(days=10), "pl")
    assert past not in draft.body


def test_approving_a_change_that_moves_a_milestone_into_the_past_asks_first(
    project, member, contact, member_client
):
    milestone = MilestoneFactory(
        project=project, name="Start", planned_date=_today() - datetime.timedelta(days=20)
    )
    change = services.change_request_create(
        project=project, actor=member.user, title="Blog", description="Blog", requested_by=contact
    )
    services.change_request_assess(
        change=change, actor=member.user, effort_hours=Decimal("8"), shifts={milestone.pk: 5}
    )

    with pytest.raises(DomainError) as refused:
        services.change_request_decide_by_hand(
            change=change, actor=member.user, approve=True, evidence="Call"
        )
    assert refused.value.code == "confirm_past_dates"
    change.refresh_from_db()
    milestone.refresh_from_db()
    assert change.status == "assessed"
    assert milestone.planned_date == _today() - datetime.timedelta(days=20)

    # The page asks the same question; confirming approves.
    member_client.post(
        f"/changes/{change.pk}/decide/",
        {"decision": "approve", "evidence": "Call"},
    )
    change.refresh_from_db()
    assert change.status == "assessed"
    member_client.post(
        f"/changes/{change.pk}/decide/",
        {"decision": "approve", "evidence": "Call", "confirm_past_dates": "on"},
    )
    change.refresh_from_db()
    milestone.refresh_from_db()
    assert change.status == "approved"
    assert milestone.planned_date == _today() - datetime.timedelta(days=15)


def test_a_change_moving_dates_forward_needs_no_confirmation(project, member, contact):
    milestone = MilestoneFactory(project=project, planned_date=_today())
    change = services.change_request_create(
        project=project, actor=member.user, title="Blog", description="Blog", requested_by=contact
    )
    services.change_request_assess(
        change=change, actor=member.user, effort_hours=Decimal("8"), shifts={milestone.pk: 5}
    )
    services.change_request_decide_by_hand(
        change=change, actor=member.user, approve=True, evidence="Call"
    )
    change.refresh_from_db()
    assert change.status == "approved"
