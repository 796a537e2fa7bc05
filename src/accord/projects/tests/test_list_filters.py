"""The clients and projects lists filter in the query string, marked and kept while paging."""

import pytest
from django.utils import timezone

from accord.clients.tests.factories import ClientFactory
from accord.health.models import ProjectHealth
from accord.projects.tests.factories import ProjectFactory
from accord.situations.models import Case
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _health(project, band: str) -> None:
    ProjectHealth.objects.create(
        workspace=project.workspace,
        project=project,
        score={"good": 90, "watch": 70, "at_risk": 40}[band],
        band=band,
        computed_at=timezone.now(),
    )


def _case(project, status: str) -> None:
    Case.objects.create(
        workspace=project.workspace,
        project=project,
        situation="out_of_scope_request",
        severity="high",
        status=status,
    )


def _names(response, key: str) -> list[str]:
    assert response.status_code == 200
    return [row.name for row in response.context[key]]


@pytest.fixture
def projects(member):
    north = ClientFactory(workspace=member.workspace, name="North Wind")
    south = ClientFactory(workspace=member.workspace, name="South Shore")
    made = {
        "portal": ProjectFactory(client=north, name="Portal", status="active"),
        "shop": ProjectFactory(client=north, name="Shop", status="on_hold"),
        "app": ProjectFactory(client=south, name="App", status="active"),
        "site": ProjectFactory(client=south, name="Site", status="completed"),
    }
    _health(made["portal"], "at_risk")
    _health(made["shop"], "watch")
    _health(made["app"], "good")
    return made


def test_projects_filter_by_status_client_and_health(member_client, projects):
    north = projects["portal"].client_id

    assert _names(member_client.get("/projects/"), "projects") == ["Portal", "Shop", "App", "Site"]
    assert _names(member_client.get("/projects/?status=active"), "projects") == ["Portal", "App"]
    assert _names(member_client.get(f"/projects/?client={north}"), "projects") == [
        "Portal",
        "Shop",
    ]
    assert _names(member_client.get("/projects/?health=at_risk"), "projects") == ["Portal"]
    assert (
        _names(
            member_client.get(f"/projects/?status=active&client={north}&health=good"), "projects"
        )
        == []
    )
    # Values that are not choices filter nothing.
    assert len(_names(member_client.get("/projects/?status=lost&health=bad"), "projects")) == 4


def test_the_filter_in_force_is_marked_and_links_keep_the_others(member_client, projects):
    north = projects["portal"].client_id

    page = member_client.get(f"/projects/?status=active&client={north}").content.decode()

    assert (
        f'<a class="button filter active" href="?status=active&amp;client={north}" '
        f'hx-get="?status=active&amp;client={north}" hx-target="#listing"' in page
    )
    assert f'href="?status=active&amp;client={north}&amp;health=at_risk"' in page
    assert f'<option value="{north}" selected>North Wind</option>' in page
    assert 'hx-push-url="true"' in page


def test_another_workspaces_client_finds_nothing_and_a_bad_id_is_a_400(member_client, projects):
    stranger = MemberFactory()
    foreign = ProjectFactory(client__workspace=stranger.workspace, name="Foreign")

    assert _names(member_client.get(f"/projects/?client={foreign.client_id}"), "projects") == []
    assert member_client.get("/projects/?client=abc").status_code == 400
    assert "Foreign" not in member_client.get("/projects/").content.decode()


def test_clients_filter_by_name_and_open_cases(member_client, member, projects):
    _case(projects["app"], "open")
    _case(projects["portal"], "resolved")
    ClientFactory(workspace=member.workspace, name="Northern Lights")
    stranger = MemberFactory()
    ClientFactory(workspace=stranger.workspace, name="North Foreign")

    assert _names(member_client.get("/clients/"), "clients") == [
        "North Wind",
        "Northern Lights",
        "South Shore",
    ]
    assert _names(member_client.get("/clients/?q=north"), "clients") == [
        "North Wind",
        "Northern Lights",
    ]
    assert _names(member_client.get("/clients/?cases=open"), "clients") == ["South Shore"]
    assert _names(member_client.get("/clients/?q=north&cases=open"), "clients") == []
    filtered = member_client.get("/clients/?q=north&cases=open").content.decode()
    assert "No clients match these filters." in filtered
    assert 'href="?q=north&amp;cases="' in filtered and 'value="north"' in filtered


@pytest.mark.parametrize(
    ("language", "heading", "everyone"),
    [
        ("en", "<th>Name</th>", ">All</a>"),
        ("ru", "<th>Название</th>", ">Все</a>"),
        ("pl", "<th>Nazwa</th>", ">Wszyscy</a>"),
    ],
)
def test_the_clients_list_names_a_company_and_all_clients_in_each_language(
    member_client, member, projects, language, heading, everyone
):
    member.language = language
    member.save()

    page = member_client.get("/clients/").content.decode()

    assert heading in page
    assert everyone in page


def test_the_clients_list_counts_each_clients_contacts_and_projects(member_client, member):
    from accord.clients.tests.factories import ContactFactory

    busy = ClientFactory(workspace=member.workspace, name="Busy")
    ClientFactory(workspace=member.workspace, name="Empty")
    ProjectFactory.create_batch(2, client=busy)
    ContactFactory.create_batch(3, client=busy)

    rows = {row.name: row for row in member_client.get("/clients/").context["clients"]}

    assert (rows["Busy"].contact_count, rows["Busy"].project_count) == (3, 2)
    assert (rows["Empty"].contact_count, rows["Empty"].project_count) == (0, 0)
