"""A member of one workspace never sees another workspace's data."""

import pytest

from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.projects.tests.factories import MilestoneFactory, ProjectFactory
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_workspace_records():
    other = MemberFactory()
    client = ClientFactory(workspace=other.workspace, name="Other's client")
    project = ProjectFactory(client=client, name="Other's project")
    return {
        "client": client,
        "contact": ContactFactory(client=client),
        "project": project,
        "milestone": MilestoneFactory(project=project),
        "agreement": AgreementFactory(project=project),
        "commitment": CommitmentFactory(project=project),
    }


@pytest.mark.parametrize(
    "url",
    [
        "/clients/{client.pk}/",
        "/clients/{client.pk}/edit/",
        "/clients/{client.pk}/contacts/new/",
        "/clients/contacts/{contact.pk}/edit/",
        "/projects/{project.pk}/",
        "/projects/{project.pk}/edit/",
        "/projects/{project.pk}/contract/",
        "/projects/{project.pk}/milestones/new/",
        "/projects/milestones/{milestone.pk}/edit/",
        "/agreements/{agreement.pk}/",
        "/agreements/{agreement.pk}/revise/",
        "/agreements/project/{project.pk}/new/",
        "/agreements/commitments/{commitment.pk}/edit/",
        "/api/v1/clients/{client.pk}",
        "/api/v1/projects/{project.pk}",
        "/api/v1/agreements/{agreement.pk}",
        "/api/v1/agreements/project/{project.pk}",
    ],
)
def test_member_gets_404_for_another_workspaces_records(
    member_client, other_workspace_records, url
):
    response = member_client.get(url.format(**other_workspace_records))

    assert response.status_code == 404


def test_posting_to_another_workspaces_records_changes_nothing(
    member_client, other_workspace_records
):
    agreement = other_workspace_records["agreement"]
    commitment = other_workspace_records["commitment"]

    reverse = member_client.post(f"/agreements/{agreement.pk}/reverse/", {"note": "x"})
    done = member_client.post(f"/agreements/commitments/{commitment.pk}/done/")

    assert (reverse.status_code, done.status_code) == (404, 404)
    agreement.refresh_from_db()
    commitment.refresh_from_db()
    assert agreement.status == "accepted"
    assert commitment.status == "open"


def test_lists_show_only_own_workspace(member_client, member, other_workspace_records):
    ClientFactory(workspace=member.workspace, name="Our client")

    clients_page = member_client.get("/clients/").content.decode()
    api_clients = member_client.get("/api/v1/clients/").json()["items"]

    assert "Our client" in clients_page
    assert "Other&#x27;s client" not in clients_page and "Other's client" not in clients_page
    assert [row["name"] for row in api_clients] == ["Our client"]


def test_anonymous_visitors_are_sent_to_login(client, other_workspace_records):
    page = client.get(f"/projects/{other_workspace_records['project'].pk}/")
    api = client.get("/api/v1/clients/")

    assert page.status_code == 302 and page["Location"].startswith("/login/")
    assert api.status_code == 401


def test_api_token_authenticates_as_the_member(client, member):
    from accord.workspaces.services import member_issue_api_token

    ClientFactory(workspace=member.workspace, name="Token client")
    token = member_issue_api_token(member=member)

    response = client.get("/api/v1/clients/", HTTP_AUTHORIZATION=f"Bearer {token}")
    refused = client.get("/api/v1/clients/", HTTP_AUTHORIZATION="Bearer wrong-token")

    assert [row["name"] for row in response.json()["items"]] == ["Token client"]
    assert refused.status_code == 401
