"""Generated drafts are stored and opened by id through a POST: no text travels in a link."""

import pytest
from django.core import mail

from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.drafts.models import Draft
from accord.projects.tests.factories import ProjectFactory
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(member):
    return ProjectFactory(client=ClientFactory(workspace=member.workspace, language="ru"))


def test_a_long_draft_is_stored_and_opened_by_id(
    member_client, project, member, django_capture_on_commit_callbacks
):
    contact = ContactFactory(client=project.client)
    body = "Здравствуйте!\n\n" + "Очень длинный черновик. " * 3000  # ~70 KB: far beyond a URL

    response = member_client.post(
        f"/drafts/project/{project.pk}/use/",
        {"kind": "delay_notice", "to": contact.pk, "subject": "Новый срок", "body": body},
    )

    draft = Draft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/communications/project/{project.pk}/compose/?draft={draft.pk}"
    assert len(response["Location"]) < 100
    page = member_client.get(response["Location"]).content.decode()
    assert "Очень длинный черновик." in page and "Новый срок" in page
    with django_capture_on_commit_callbacks(execute=True):
        sent = member_client.post(
            f"/communications/project/{project.pk}/compose/",
            {"to": [contact.pk], "subject": "Новый срок", "body": body, "draft": draft.pk},
        )
    assert sent.status_code == 302
    draft.refresh_from_db()
    assert draft.sent_interaction is not None and len(mail.outbox) == 1


def test_another_workspaces_draft_is_never_opened(member_client, project):
    stranger = MemberFactory()
    other = ProjectFactory(client=ClientFactory(workspace=stranger.workspace))
    draft = Draft.objects.create(
        workspace=stranger.workspace, project=other, subject="Secret", body="Secret text"
    )
    page = member_client.get(
        f"/communications/project/{project.pk}/compose/?draft={draft.pk}"
    ).content.decode()
    assert "Secret text" not in page


def test_an_empty_draft_is_refused_and_nothing_stored(member_client, project):
    response = member_client.post(f"/drafts/project/{project.pk}/use/", {"body": "  "})
    assert response.status_code == 302 and not Draft.objects.exists()


def test_draft_links_are_posts_on_pages(member_client, project, member):
    """The reply check, the forecast page and the silence ladder carry no draft in a link."""
    import re

    from django.utils import timezone

    from accord.communications.models import Interaction

    contact = ContactFactory(client=project.client)
    message = Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="out",
        occurred_at=timezone.now() - timezone.timedelta(days=20),
        subject="Макет",
        body_text="Посмотрите макет",
    )
    message.recipient_contacts.add(contact)
    page = member_client.get(f"/projects/{project.pk}/").content.decode()
    assert f'action="/drafts/project/{project.pk}/use/"' in page
    assert not re.search(r"href=\"[^\"]*[?&](amp;)?body=", page)
