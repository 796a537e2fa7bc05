"""Agreements, contracts and change requests show who changed what and when."""

import datetime
from decimal import Decimal

import pytest

from accord.agreements import services as agreement_services
from accord.changes import services as change_services
from accord.projects import services as project_services
from accord.projects.tests.factories import ContractFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_agreement_page_shows_the_history_of_all_versions(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace)
    first = agreement_services.agreement_record(
        project=project,
        title="Calls on Monday",
        source="email",
        decided_on=datetime.date(2026, 3, 2),
        actor=member.user,
    )
    second = agreement_services.agreement_revise(
        agreement=first, actor=member.user, title="Calls on Tuesday"
    )

    page = member_client.get(f"/agreements/{second.pk}/").content.decode()
    api = member_client.get(f"/api/v1/agreements/{second.pk}/history").json()

    assert "Change history" in page
    assert "agreement.recorded" in page and "agreement.revised" in page
    assert member.user.username in page
    assert api and {event["verb"] for event in api} >= {"agreement.recorded", "agreement.revised"}


def test_contract_page_shows_changed_fields(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace)
    contract = ContractFactory(project=project, payment_terms_days=14)
    project_services.contract_update(
        contract=contract, actor=member.user, payment_terms_days=30, meeting_cadence=""
    )

    page = member_client.get(f"/projects/{project.pk}/contract/").content.decode()

    assert "contract.updated" in page and "payment_terms_days" in page
    assert "14 → 30" in page


def test_change_request_page_shows_its_history(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace)
    ContractFactory(project=project, hourly_rate=Decimal("100"))
    change = change_services.change_request_create(
        project=project, actor=member.user, title="Export", description="CSV"
    )
    change_services.change_request_assess(change=change, actor=member.user, effort_hours=3)

    page = member_client.get(f"/changes/{change.pk}/").content.decode()

    assert "change_request.created" in page and "change_request.assessed" in page
