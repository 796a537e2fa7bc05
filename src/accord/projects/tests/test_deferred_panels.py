"""The project page defers the panels whose rows a project has (change requests and plan versions,
status reports, surveys, case suggestions): the page runs the same queries whether none or all of
them have rows, each panel loads from its own address, and only within its workspace."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.changes.models import ChangeRequest, PlanVersion
from accord.clients.tests.factories import ContactFactory
from accord.communications.models import Interaction
from accord.feedback.tests.factories import SurveyFactory
from accord.projects.tests.factories import ProjectFactory
from accord.reports.models import StatusReport
from accord.situations.models import CaseSuggestion
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PANELS = ("changes", "reports", "feedback", "suggestions")


def _fill(project, rows: int) -> None:
    workspace = project.workspace
    contact = ContactFactory(client=project.client)
    # Numbered within the workspace, after the project's earlier ones.
    start = ChangeRequest.objects.filter(workspace=workspace).count()
    for index in range(rows):
        change = ChangeRequest.objects.create(
            workspace=workspace,
            project=project,
            number=index + 1,
            workspace_number=start + index + 1,
            title=f"Change {index}",
            description="x",
        )
        PlanVersion.objects.create(
            workspace=workspace, project=project, change_request=change, note=f"Plan {index}"
        )
        StatusReport.objects.create(
            workspace=workspace,
            project=project,
            period_start=datetime.date(2026, 11, 1),
            period_end=datetime.date(2026, 11, 30),
            language="en",
            subject=f"Report {index}",
            html="<p>x</p>",
            pdf=b"",
        )
        SurveyFactory(project=project, contact=contact)
        message = Interaction.objects.create(
            workspace=workspace,
            project=project,
            client=project.client,
            channel="email",
            direction="in",
            occurred_at=timezone.now(),
            subject=f"Question {index}",
        )
        CaseSuggestion.objects.create(
            workspace=workspace,
            project=project,
            interaction=message,
            situation="deadline_risk",
            score=0.3,
        )


def _page_queries(client, project) -> tuple[int, str]:
    client.get(f"/projects/{project.pk}/")  # the session's first page stores its CSRF secret
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_page_runs_the_same_queries_with_no_optional_panel_filled_and_with_all(
    member_client, member
):
    empty = ProjectFactory(client__workspace=member.workspace)
    full = ProjectFactory(client__workspace=member.workspace)
    _fill(full, 30)

    empty_count, empty_page = _page_queries(member_client, empty)
    full_count, full_page = _page_queries(member_client, full)

    assert full_count == empty_count <= 15
    for key in PANELS:
        url = f"/projects/{full.pk}/panels/{key}/"
        assert f'hx-get="{url}"' in full_page
        assert f'hx-get="/projects/{empty.pk}/panels/{key}/"' not in empty_page
    # The empty panels render with the page (nothing to load), the filled ones do not.
    assert "No change requests" in empty_page or "Change requests" in empty_page
    assert "Change 0" not in full_page and "Report 0" not in full_page


@pytest.mark.parametrize("key", PANELS)
def test_each_deferred_panel_lists_its_rows_in_a_bounded_number_of_queries(
    member_client, member, key
):
    small = ProjectFactory(client__workspace=member.workspace)
    large = ProjectFactory(client__workspace=member.workspace)
    _fill(small, 2)
    _fill(large, 30)
    member_client.get("/")
    counts = []
    for project in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = member_client.get(
                f"/projects/{project.pk}/panels/{key}/", headers={"HX-Request": "true"}
            )
        assert response.status_code == 200
        counts.append(len(queries))
    body = response.content.decode()

    assert counts[0] == counts[1] <= 8
    assert "<html" not in body  # a fragment for the placeholder
    assert {
        "changes": "Change 29",
        "reports": "/pdf/",
        "feedback": "/feedback/",
        "suggestions": "Question 29",
    }[key] in body


def test_a_deferred_panel_opened_directly_is_a_page_of_its_own(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace, name="Warehouse roll-out")
    _fill(project, 1)

    body = member_client.get(f"/projects/{project.pk}/panels/changes/").content.decode()

    assert "<html" in body and "Warehouse roll-out" in body and "Change 0" in body


def test_deferred_panels_of_another_workspace_and_unknown_panels_are_404(member_client, member):
    other = ProjectFactory(client__workspace=MemberFactory().workspace)
    _fill(other, 1)
    mine = ProjectFactory(client__workspace=member.workspace)

    for key in PANELS:
        assert member_client.get(f"/projects/{other.pk}/panels/{key}/").status_code == 404
    assert member_client.get(f"/projects/{mine.pk}/panels/nothing/").status_code == 404


def test_deferred_panels_need_a_signed_in_member(client, member):
    project = ProjectFactory(client__workspace=member.workspace)

    response = client.get(f"/projects/{project.pk}/panels/changes/")

    assert response.status_code == 302 and "/login" in response["Location"]
