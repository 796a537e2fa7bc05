"""Every number, date and string is checked against its column: a 4xx naming the field."""

import datetime
import decimal
import importlib

import pytest
from django.apps import apps
from django.test import Client

from accord.agreements.models import Commitment
from accord.clients.models import Contact
from accord.clients.tests.factories import ClientFactory
from accord.core.errors import DomainError
from accord.core.forms import FieldLimitsMixin
from accord.projects.models import Project
from accord.projects.tests.factories import ProjectFactory
from accord.workspaces.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROJECT_FORM = {
    "name": "Shop",
    "status": "active",
    "currency": "EUR",
    "max_client_attendees": 4,
    "silence_threshold_days": 3,
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("budget", "1" * 20),
        ("budget", "1.123"),
        ("start_date", "9999-01-01"),
        ("start_date", "1012-01-01"),
        ("max_client_attendees", 10**6),
        ("silence_threshold_days", -1),
        ("name", "x" * 201),
        ("currency", "EURO"),
    ],
)
def test_project_form_refuses_values_outside_the_column(member_client, member, field, value):
    client = ClientFactory(workspace=member.workspace)

    response = member_client.post(
        "/projects/new/", {**PROJECT_FORM, "client": client.pk, field: value}
    )

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Project.objects.exists()


def test_oversized_budget_through_the_api_is_a_422_and_the_workspace_keeps_working(
    member_client, member
):
    client = ClientFactory(workspace=member.workspace)

    response = member_client.post(
        "/api/v1/projects/",
        {"client_id": client.pk, "name": "Huge", "budget": "1" * 30},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["budget"]
    assert not Project.objects.exists()
    assert member_client.get("/").status_code == 200
    assert member_client.get("/projects/").status_code == 200
    assert member_client.get("/api/v1/projects/").status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"phone": "1" * 51}, "phone"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_api_strings_longer_than_the_column_are_refused(member_client, member, payload, field):
    client = ClientFactory(workspace=member.workspace)

    response = member_client.post(
        f"/api/v1/clients/{client.pk}/contacts",
        {"name": "Jan", **payload},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not Contact.objects.exists()


def test_commitment_date_outside_1900_2200_is_refused(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace)

    response = member_client.post(
        f"/agreements/commitments/project/{project.pk}/new/",
        {"title": "Send the price list", "side": "client", "due_date": "2201-01-01"},
    )

    assert response.status_code == 400
    assert "due_date" in response.context["form"].errors
    assert not Commitment.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("budget", decimal.Decimal("1" * 15)),
        ("start_date", datetime.date(1899, 12, 31)),
        ("name", "x" * 201),
        ("max_client_attendees", 40000),
    ],
)
def test_a_bad_value_never_becomes_a_stored_row(member, field, value):
    project = ProjectFactory(client__workspace=member.workspace)
    setattr(project, field, value)

    with pytest.raises(DomainError) as refused:
        project.save()

    assert refused.value.field == field
    project.refresh_from_db()
    assert getattr(project, field) != value


def test_every_accord_form_derives_its_limits():
    from django import forms

    seen = []
    for config in apps.get_app_configs():
        if not config.name.startswith("accord."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                seen.append(value)
                assert issubclass(value, FieldLimitsMixin), value
    assert len(seen) > 20


# -- ids in query strings and posts, users without a workspace, redirects ------------------


@pytest.mark.parametrize(
    "url",
    [
        "/cases/open/?project=abc",
        "/cases/open/?interaction=1e5",
        "/clients/99999999999999999999999/",
        "/projects/99999999999999999999999/",
    ],
)
def test_bad_ids_in_pages_are_4xx(member_client, url):
    response = member_client.get(url)

    assert 400 <= response.status_code < 500


def test_change_request_page_with_a_bad_interaction_id_is_400(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace)

    response = member_client.get(f"/changes/project/{project.pk}/new/?interaction=abc")

    assert response.status_code == 400


def test_workspace_switch_with_a_bad_id_is_400(member_client):
    assert member_client.post("/workspace/switch/", {"workspace": "abc"}).status_code == 400


@pytest.mark.parametrize("url", ["/", "/clients/", "/projects/", "/cases/", "/workspace/settings/"])
def test_signed_in_user_without_a_workspace_gets_a_page(url):
    browser = Client()
    browser.force_login(UserFactory())

    response = browser.get(url)

    assert response.status_code == 403
    assert "No workspace" in response.content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"]
)
def test_language_switch_does_not_redirect_off_site(member_client, target):
    response = member_client.post("/language/", {"language": "pl", "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_language_switch_goes_back_to_a_local_page(member_client):
    response = member_client.post("/language/", {"language": "pl", "next": "/projects/"})

    assert response["Location"] == "/projects/"
