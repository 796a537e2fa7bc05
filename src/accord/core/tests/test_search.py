"""The top bar's search finds clients, projects, agreements and messages of one workspace."""

import pytest
from django.utils import timezone

from accord.agreements.tests.factories import AgreementFactory
from accord.clients.tests.factories import ClientFactory
from accord.communications.models import Interaction
from accord.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _message(project, subject: str, body: str = ""):
    return Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject=subject,
        body_text=body,
    )


def test_search_finds_each_kind_in_the_members_workspace_only(member_client, member):
    client = ClientFactory(workspace=member.workspace, name="Orbita Logistics")
    project = ProjectFactory(client=client, name="Orbita warehouse")
    agreement = AgreementFactory(project=project, title="Orbita pays the hosting")
    message = _message(project, "Pallet labels", "Orbita needs new pallet labels")
    _message(project, "Unrelated", "Nothing to see")
    foreign = ProjectFactory(name="Orbita secret")
    _message(foreign, "Orbita secret mail", "Orbita")

    response = member_client.get("/search/?q=orbita")
    results = response.context["results"]

    assert [item.pk for item in results.clients] == [client.pk]
    assert [item.pk for item in results.projects] == [project.pk]
    assert [item.pk for item in results.agreements] == [agreement.pk]
    assert [item.pk for item in results.messages] == [message.pk]
    assert "Orbita secret" not in response.content.decode()


def test_search_pages_messages_by_keyset(member_client, member):
    from accord.core.search import MESSAGE_ROWS

    project = ProjectFactory(client__workspace=member.workspace)
    for index in range(MESSAGE_ROWS + 3):
        _message(project, f"Invoice {index}", "invoice reminder")

    first = member_client.get("/search/?q=invoice").context["results"].messages
    second = member_client.get("/search/", {"q": "invoice", "before": first.next_cursor})

    assert len(first) == MESSAGE_ROWS and first.next_cursor
    assert len(second.context["results"].messages) == 3
    assert second.context["results"].clients == []


def test_empty_search_shows_the_form_only(member_client):
    response = member_client.get("/search/?q=%20%20")

    assert response.status_code == 200
    assert response.context["results"].query == ""
