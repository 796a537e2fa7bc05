"""Reference numbers (CR-0042) count the change requests of a workspace, not of a project."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from accord.changes import services
from accord.changes.models import ChangeRequest, ChangeRequestSequence
from accord.projects.tests.factories import ProjectFactory
from accord.workspaces.services import member_issue_api_token
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _create(project, member, title):
    return services.change_request_create(
        project=project, actor=member.user, title=title, description=f"{title}, please"
    )


def test_references_run_across_the_projects_of_a_workspace(member):
    first = ProjectFactory(client__workspace=member.workspace)
    second = ProjectFactory(client__workspace=member.workspace)
    stranger = MemberFactory()
    foreign = ProjectFactory(client__workspace=stranger.workspace)

    made = [
        _create(first, member, "Export"),
        _create(second, member, "Logo"),
        _create(foreign, stranger, "Other"),
        _create(first, member, "Import"),
    ]

    assert [(c.number, c.workspace_number, c.reference) for c in made] == [
        (1, 1, "CR-0001"),
        (1, 2, "CR-0002"),
        (1, 1, "CR-0001"),
        (2, 3, "CR-0003"),
    ]
    assert str(made[3]) == "CR-0003: Import"
    assert ChangeRequestSequence.objects.get(workspace=member.workspace).last_number == 3


def test_a_workspace_without_a_sequence_row_continues_after_its_highest_reference(member):
    project = ProjectFactory(client__workspace=member.workspace)
    ChangeRequest.objects.create(
        workspace=member.workspace,
        project=project,
        number=1,
        workspace_number=7,
        title="Imported",
        description="x",
    )

    change = _create(project, member, "Next")

    assert (change.number, change.reference) == (2, "CR-0008")


def test_the_backfill_numbers_each_workspace_in_creation_order(member):
    project = ProjectFactory(client__workspace=member.workspace)
    other = ProjectFactory(client__workspace=member.workspace)
    stranger = MemberFactory()
    foreign = ProjectFactory(client__workspace=stranger.workspace)
    start = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 0))
    rows = []
    # Given rows whose per-project numbers say nothing about the order across projects, two of
    # them made in the same instant (their ids decide).
    for minutes, target, number in [
        (30, project, 1),
        (10, other, 1),
        (10, other, 2),
        (20, foreign, 1),
        (50, project, 2),
    ]:
        change = ChangeRequest.objects.create(
            workspace=target.workspace,
            project=target,
            number=number,
            workspace_number=900 + len(rows),
            title=f"at {minutes}",
            description="x",
        )
        ChangeRequest.objects.filter(pk=change.pk).update(
            created_at=start + datetime.timedelta(minutes=minutes)
        )
        rows.append(change)
    migration = importlib.import_module(
        "accord.changes.migrations.0004_changerequest_workspace_number_backfill"
    )

    migration.backfill(apps, None)

    numbers = {
        c.pk: c.workspace_number for c in ChangeRequest.objects.filter(pk__in=[r.pk for r in rows])
    }
    assert [numbers[r.pk] for r in rows] == [3, 1, 2, 1, 4]
    assert dict(ChangeRequestSequence.objects.values_list("workspace_id", "last_number")) == {
        member.workspace.pk: 4,
        stranger.workspace.pk: 1,
    }
    assert _create(project, member, "After").reference == "CR-0005"


def test_the_api_and_the_lists_show_the_reference(client, member):
    project = ProjectFactory(client__workspace=member.workspace)
    _create(ProjectFactory(client__workspace=member.workspace), member, "Elsewhere")
    change = _create(project, member, "Export")
    token = member_issue_api_token(member=member)

    body = client.get(
        f"/api/v1/change-requests/{change.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    client.force_login(member.user)
    listing = client.get("/changes/").content.decode()

    assert (body["number"], body["workspace_number"], body["reference"]) == (1, 2, "CR-0002")
    assert "CR-0002: Export" in listing and "CR-0001: Elsewhere" in listing
