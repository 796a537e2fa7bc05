"""The client page follows the work: each project's open problems and the latest messages."""

import pytest
from django.utils import timezone

from accord.clients.tests.factories import ClientFactory
from accord.communications.models import Interaction
from accord.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_client_page_shows_open_problems_and_latest_messages(member_client, member):
    client = ClientFactory(workspace=member.workspace)
    project = ProjectFactory(client=client, name="Shop relaunch")
    from accord.situations.models import Case

    low = Case.objects.create(
        workspace=member.workspace, project=project, situation="conflict", severity="low"
    )
    critical = Case.objects.create(
        workspace=member.workspace, project=project, situation="deadline_risk", severity="critical"
    )
    Case.objects.create(
        workspace=member.workspace,
        project=project,
        situation="quality_complaint",
        severity="high",
        status="resolved",
    )
    message = Interaction.objects.create(
        workspace=member.workspace,
        project=project,
        client=client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Photos next week",
    )
    other_client = ClientFactory(workspace=member.workspace)
    Interaction.objects.create(
        workspace=member.workspace,
        client=other_client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Another client's mail",
    )

    page = member_client.get(f"/clients/{client.pk}/").content.decode()

    assert page.index(f'href="/cases/{critical.pk}/"') < page.index(f'href="/cases/{low.pk}/"')
    assert "Dissatisfaction with quality" not in page
    assert f'href="/communications/messages/{message.pk}/"' in page
    assert "Another client&#x27;s mail" not in page and "Another client's mail" not in page
    assert f'href="/communications/client/{client.pk}/"' in page
