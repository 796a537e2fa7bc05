"""List filters: their state is in the URL, the filter in force is marked, "New" picks a project."""

import datetime

import pytest
from django.utils import timezone

from accord.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _case(project, situation: str, severity: str):
    from accord.situations.models import Case

    return Case.objects.create(
        workspace=project.workspace, project=project, situation=situation, severity=severity
    )


def test_case_filters_by_severity_and_marks_the_active_filter(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace)
    critical = _case(project, "conflict", "critical")
    _case(project, "quality_complaint", "low")

    response = member_client.get("/cases/?status=open&severity=critical")
    page = response.content.decode()

    assert [case.pk for case in response.context["cases"]] == [critical.pk]
    assert 'class="button filter active" href="?status=open&amp;severity=critical"' in page
    assert 'hx-push-url="true"' in page
    assert 'aria-current="page"' in page


def test_meeting_list_filters_by_status(member_client, member):
    from accord.meetings.models import Meeting

    project = ProjectFactory(client__workspace=member.workspace)
    planned = Meeting.objects.create(
        workspace=member.workspace,
        project=project,
        title="Planning",
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    Meeting.objects.create(
        workspace=member.workspace,
        project=project,
        title="Old call",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        status="held",
        held_at=timezone.now() - datetime.timedelta(days=2),
    )

    response = member_client.get("/meetings/?status=planned")

    assert [meeting.pk for meeting in response.context["meetings"]] == [planned.pk]
    assert 'class="button filter active" href="?status=planned"' in response.content.decode()


def test_new_buttons_open_the_chosen_projects_form(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace, status="active")
    other = ProjectFactory(status="active")  # another workspace

    meetings_page = member_client.get("/meetings/").content.decode()
    meeting = member_client.get(f"/meetings/new/?project={project.pk}")
    change = member_client.get(f"/changes/new/?project={project.pk}")
    foreign = member_client.get(f"/changes/new/?project={other.pk}")
    missing = member_client.get("/meetings/new/")

    assert f'<option value="{project.pk}">' in meetings_page
    assert f'<option value="{other.pk}">' not in meetings_page
    assert meeting.status_code == 302 and meeting.url == f"/meetings/project/{project.pk}/new/"
    assert change.status_code == 302 and change.url == f"/changes/project/{project.pk}/new/"
    assert foreign.status_code == 404
    assert missing.status_code == 400
