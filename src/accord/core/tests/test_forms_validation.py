"""Bad input in forms is shown next to the field and nothing is written."""

import datetime

import pytest

from accord.agreements.models import Commitment
from accord.clients.models import Client, Contact
from accord.clients.tests.factories import ClientFactory
from accord.projects.models import Project
from accord.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_empty_client_name_is_refused(member_client):
    response = member_client.post("/clients/new/", {"name": "  ", "language": "en"})

    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not Client.objects.exists()


def test_duplicate_client_name_is_refused(member_client, member):
    ClientFactory(workspace=member.workspace, name="Acme")

    response = member_client.post("/clients/new/", {"name": "acme", "language": "en"})

    assert response.status_code == 400
    assert "already a client with this name" in response.content.decode()
    assert Client.objects.count() == 1


def test_invalid_email_on_contact_is_refused(member_client, member):
    client = ClientFactory(workspace=member.workspace)

    response = member_client.post(
        f"/clients/{client.pk}/contacts/new/",
        {
            "name": "Jan",
            "emails": "jan@acme.pl, not-an-address",
            "language": "pl",
            "role": "manager",
            "preferred_channel": "email",
        },
    )

    assert response.status_code == 400
    assert "not-an-address" in response.content.decode()
    assert not Contact.objects.exists()


def test_negative_budget_is_refused(member_client, member):
    client = ClientFactory(workspace=member.workspace)

    response = member_client.post(
        "/projects/new/",
        {
            "client": client.pk,
            "name": "Shop",
            "status": "active",
            "budget": "-10",
            "currency": "EUR",
            "max_client_attendees": 4,
            "silence_threshold_days": 3,
        },
    )

    assert response.status_code == 400
    assert not Project.objects.exists()


def test_project_ending_before_start_is_refused(member_client, member):
    client = ClientFactory(workspace=member.workspace)

    response = member_client.post(
        "/projects/new/",
        {
            "client": client.pk,
            "name": "Shop",
            "status": "active",
            "start_date": "2026-05-01",
            "end_date": "2026-04-01",
            "currency": "EUR",
            "max_client_attendees": 4,
            "silence_threshold_days": 3,
        },
    )

    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    assert not Project.objects.exists()


def test_commitment_due_before_project_start_shows_error(member_client, member):
    project = ProjectFactory(
        client__workspace=member.workspace, start_date=datetime.date(2026, 3, 1)
    )

    response = member_client.post(
        f"/agreements/commitments/project/{project.pk}/new/",
        {
            "title": "Send the price list",
            "side": "client",
            "due_date": "2026-02-01",
        },
    )

    assert response.status_code == 400
    assert "before the project starts" in response.content.decode()
    assert not Commitment.objects.exists()


def test_negative_hourly_rate_is_refused(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace)
    from accord.projects.services import contract_for_project

    contract = contract_for_project(project=project)

    response = member_client.post(
        f"/projects/{project.pk}/contract/",
        {
            "hourly_rate": "-5",
            "payment_terms_days": 14,
            "response_time_hours": 8,
            "meeting_cadence": "",
        },
    )

    assert response.status_code == 400
    contract.refresh_from_db()
    assert contract.hourly_rate is None


def test_api_rejects_invalid_payload_with_clear_error(member_client):
    response = member_client.post(
        "/api/v1/clients/", {"name": "", "language": "xx"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert not Client.objects.exists()


def test_valid_flow_creates_records(member_client, member):
    response = member_client.post(
        "/clients/new/", {"name": "Acme", "language": "pl", "email_domains": "Acme.PL"}
    )
    client = Client.objects.get()

    assert response.status_code == 302
    assert client.email_domains == ["acme.pl"]
