"""List pages run a bounded number of queries whatever the number of rows."""

import datetime

import pytest

from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.projects.tests.factories import MilestoneFactory, ProjectFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


def _populate(workspace, rows: int) -> None:
    from django.utils import timezone

    from accord.communications.models import Interaction

    for index in range(rows):
        client = ClientFactory(workspace=workspace)
        ContactFactory(client=client)
        project = ProjectFactory(client=client)
        for direction in ("in", "out"):
            Interaction.objects.create(
                workspace=workspace,
                project=project,
                client=client,
                channel="email",
                direction=direction,
                occurred_at=timezone.now(),
                subject="x",
            )
        MilestoneFactory(project=project, planned_date=datetime.date(2026, 1, 10))
        future = MilestoneFactory(
            project=project, planned_date=timezone.localdate() + datetime.timedelta(days=30)
        )
        CommitmentFactory(
            project=project,
            milestone=future,
            side="ours",
            estimate_hours=5,
            due_date=timezone.localdate() + datetime.timedelta(days=20),
        )
        CommitmentFactory(project=project, side="client", due_date=datetime.date(2026, 1, 20))
        if index % 2:
            AgreementFactory(project=project, status="reversed")


@pytest.mark.parametrize("rows", [5, 200])
@pytest.mark.parametrize(
    "url", ["/", "/clients/", "/projects/", "/api/v1/clients/", "/api/v1/projects/"]
)
def test_list_pages_have_bounded_queries(
    member_client, member, django_assert_max_num_queries, rows, url
):
    _populate(member.workspace, rows)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = member_client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 200])
def test_project_page_has_bounded_queries(
    member_client, member, django_assert_max_num_queries, rows
):
    project = ProjectFactory(client__workspace=member.workspace)
    for _ in range(rows):
        CommitmentFactory(
            project=project, side="client", owner_contact=ContactFactory(client=project.client)
        )
        AgreementFactory(project=project)
        MilestoneFactory(project=project)
    # A session's first page stores its CSRF secret in the session once; count a later visit.
    member_client.get(f"/projects/{project.pk}/")

    # Each app panel (forecasts, health, feedback, reports, ...) costs one or two queries.
    with django_assert_max_num_queries(MAX_QUERIES + 25):
        response = member_client.get(f"/projects/{project.pk}/")

    assert response.status_code == 200
