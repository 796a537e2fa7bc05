import pytest

from accord.health.services import health_recompute
from accord.projects.tests.factories import ProjectFactory

from .factories import add_client_overdue, add_our_overdue, add_reversal, healthy_project

pytestmark = pytest.mark.django_db


def test_dashboard_lists_projects_worst_first_with_charts(member_client, member):
    good = healthy_project(client__workspace=member.workspace, name="Calm")
    bad = healthy_project(client__workspace=member.workspace, name="Troubled")
    add_client_overdue(bad, dose=3)
    add_our_overdue(bad, dose=3)
    health_recompute(workspace=member.workspace)

    page = member_client.get("/").content.decode()

    section = page[page.index('class="health-table"') :]
    assert section.index("Troubled") < section.index("Calm")
    assert "/reports/charts/workspace/health.svg" in page
    assert "/reports/charts/workspace/tone.svg" in page
    assert good.name in page


def test_project_page_explains_the_score_by_side_with_evidence(member_client, member):
    project = healthy_project(client__workspace=member.workspace)
    add_client_overdue(project)
    add_our_overdue(project)
    add_reversal(project, dose=2)
    health_recompute(project_ids=[project.pk])

    page = member_client.get(f"/projects/{project.pk}/").content.decode()

    assert 'data-side="ours"' in page and 'data-side="client"' in page
    assert "What we owe the client" in page and "What the client owes us" in page
    assert "Send test data 0" in page and "Deliver mockups 0" in page
    assert "/agreements/" in page  # the reversed decisions link to their records
    assert f"/reports/charts/project/{project.pk}/milestones.svg" in page


def test_client_health_page_shows_the_difficult_profile(member_client, member):
    project = healthy_project(client__workspace=member.workspace)
    add_client_overdue(project, dose=2)
    add_reversal(project, dose=2)
    health_recompute(project_ids=[project.pk])

    page = member_client.get(f"/health/clients/{project.client_id}/").content.decode()

    assert "Difficult client" in page
    assert "Misses the dates it agreed to" in page
    assert "Reverses decisions it had accepted" in page
    assert "Avoids commitments, financial ones included" in page


def test_recompute_button_and_isolation(member_client, member):
    project = healthy_project(client__workspace=member.workspace)
    foreign = ProjectFactory()

    assert member_client.post(f"/health/projects/{project.pk}/recompute/").status_code == 302
    assert project.health.score == 100
    assert member_client.post(f"/health/projects/{foreign.pk}/recompute/").status_code == 404
    assert member_client.get(f"/health/clients/{foreign.client_id}/").status_code == 404
    assert "Troubled" not in member_client.get("/health/").content.decode()
