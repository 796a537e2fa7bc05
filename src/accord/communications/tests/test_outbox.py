"""The outbox: recorded first, sent by a task, retried, never marked sent when it was not."""

import datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from accord.changes import services as changes
from accord.changes.models import ChangeRequest
from accord.cli import cli
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.models import Interaction, OutgoingEmail
from accord.communications.outbox import (
    OUTBOX,
    header_safe,
    outbox_about,
    outbox_deliver,
    outbox_enqueue,
    outbox_flush,
    outbox_retry,
)
from accord.communications.tests.smtp_server import LocalSMTP
from accord.core.models import Event
from accord.projects.tests.factories import ContractFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(member):
    client = ClientFactory(workspace=member.workspace, language="en")
    project = ProjectFactory(client=client, name="Shop\nrelaunch", budget=Decimal("1000"))
    ContractFactory(project=project, hourly_rate=Decimal("100.00"))
    return project


@pytest.fixture
def contact(project):
    return ContactFactory(client=project.client, name="Ann\r\nSmith", language="en")


@pytest.fixture
def smtp():
    server = LocalSMTP()
    yield server
    server.stop()


def _enqueue(project, contact, member, **kwargs):
    return outbox_enqueue(
        workspace=project.workspace,
        actor=member.user,
        to_contacts=[contact],
        project=project,
        **{"subject": "Plan", "body": "Hello", **kwargs},
    )


def test_header_safe_turns_any_line_break_into_a_space():
    assert header_safe("Weekly\r\nBcc: evil@example.com\u2028x\x0bend\x00") == (
        "Weekly Bcc: evil@example.com x end"
    )


def test_line_breaks_in_titles_never_break_the_send(
    project, contact, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = _enqueue(
            project,
            contact,
            member,
            subject=f"Meeting: {project.name}\r\nBcc: someone@evil.example",
            attachments=[("plan\n.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )

    message = mail.outbox[0].message()
    assert OutgoingEmail.objects.get(interaction=sent).work_state == "done"
    assert message["Subject"] == "Meeting: Shop relaunch Bcc: someone@evil.example"
    assert message["Bcc"] is None and "\n" not in sent.subject
    assert mail.outbox[0].attachments[0][0] == "plan .ics"


def test_smtp_down_keeps_the_email_queued_until_the_server_is_back(
    project, contact, member, smtp, django_capture_on_commit_callbacks
):
    with override_settings(MAILERS=smtp.mailers):
        with django_capture_on_commit_callbacks(execute=True):
            sent = _enqueue(project, contact, member, subject="Status", body="All fine")
        outgoing = OutgoingEmail.objects.get(interaction=sent)
        assert (outgoing.work_state, outgoing.work_attempts) == ("pending", 1)
        assert "Connection refused" in outgoing.work_error or "Errno" in outgoing.work_error
        assert outgoing.work_due_at > timezone.now()
        # Not due yet: the periodic sweep leaves it alone, the server is still down anyway.
        assert outbox_flush().sent == 0

        smtp.start()
        summary = outbox_flush(now=True)

    outgoing.refresh_from_db()
    assert summary.sent == 1 and outgoing.work_state == "done" and outgoing.work_error == ""
    assert [message["Subject"] for message in smtp.messages] == ["Status"]
    assert smtp.messages[0]["Message-ID"] == sent.message_id
    assert Event.objects.filter(verb="email.sent", target_id=sent.pk).count() == 1


def test_change_request_is_sent_only_when_its_email_was(
    member_client, project, contact, member, smtp, django_capture_on_commit_callbacks
):
    change = changes.change_request_create(
        project=project,
        actor=member.user,
        title="Mobile app",
        description="We want a mobile app",
        requested_by=contact,
    )
    changes.change_request_assess(change=change, actor=member.user, effort_hours=Decimal("8"))
    with override_settings(MAILERS=smtp.mailers):
        with django_capture_on_commit_callbacks(execute=True):
            response = member_client.post(f"/changes/{change.pk}/send/", follow=True)
        change.refresh_from_db()
        page = member_client.get(f"/changes/{change.pk}/").content.decode()
        again = changes.change_request_send  # a second click while queued is refused
        with pytest.raises(Exception, match="queued"):
            again(change=change, actor=member.user)

        assert response.status_code == 200
        assert change.status == ChangeRequest.Status.ASSESSED and change.sent_at is None
        assert 'data-delivery="pending"' in page and "Connection refused" in page
        stored = Interaction.objects.get(pk=change.sent_email_id)
        assert "/changes/decide/" in stored.body_text

        smtp.start()
        result = CliRunner().invoke(cli, ["send-mail"])

    change.refresh_from_db()
    assert result.exit_code == 0, result.output
    assert "sent: 1" in result.output
    assert change.status == ChangeRequest.Status.SENT and change.sent_at is not None
    body = smtp.messages[0].get_payload(decode=True).decode()
    token = body.split("/changes/decide/")[1].split("/")[0]
    stored.refresh_from_db()
    assert len(token) >= 40 and token not in stored.body_text
    assert token not in OutgoingEmail.objects.get(interaction=stored).body
    assert member_client.get(f"/changes/decide/{token}/").status_code == 200


def test_retries_stop_at_the_maximum_with_the_reason(
    project, contact, member, smtp, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setenv("ACCORD_MAIL_MAX_ATTEMPTS", "2")
    with override_settings(MAILERS=smtp.mailers):
        with django_capture_on_commit_callbacks(execute=True):
            sent = _enqueue(project, contact, member)
        first = OutgoingEmail.objects.get(interaction=sent).work_state
        outbox_flush(now=True)

    outgoing = OutgoingEmail.objects.get(interaction=sent)
    assert first == "pending"
    assert (outgoing.work_state, outgoing.work_attempts) == ("failed", 2)
    assert outgoing.work_error and outgoing.work_due_at is None
    assert Event.objects.filter(verb="email.failed", target_id=sent.pk).exists()


def test_refused_recipient_fails_at_once_and_can_be_sent_again(
    member_client, project, contact, member, smtp, django_capture_on_commit_callbacks
):
    smtp.start()
    smtp.refuse.add(contact.primary_email)
    with override_settings(MAILERS=smtp.mailers):
        with django_capture_on_commit_callbacks(execute=True):
            sent = _enqueue(project, contact, member)
        outgoing = OutgoingEmail.objects.get(interaction=sent)
        page = member_client.get(f"/communications/messages/{sent.pk}/").content.decode()
        assert (outgoing.work_state, outgoing.work_attempts) == ("failed", 1)
        assert "550" in outgoing.work_error and 'data-delivery="failed"' in page
        assert outgoing.work_error.startswith("recipient refused — ")
        assert "The mail server refused the recipient: " in page
        member.language = "ru"
        member.save(update_fields=["language"])
        russian = member_client.get(f"/communications/messages/{sent.pk}/").content.decode()
        assert "Почтовый сервер отклонил получателя: " in russian
        assert "recipient refused" not in russian
        member.language = "en"
        member.save(update_fields=["language"])

        smtp.refuse.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = member_client.post(f"/communications/messages/{sent.pk}/send-again/")
    outgoing.refresh_from_db()
    assert response.status_code == 302 and outgoing.work_state == "done"
    assert len(smtp.messages) == 1
    with pytest.raises(Exception, match="could not be sent"):
        outbox_retry(interaction=sent, actor=member.user)


def test_a_claimed_email_is_never_sent_twice(
    project, contact, member, django_capture_on_commit_callbacks
):
    sent = _enqueue(project, contact, member)  # on_commit not run: queued, no task yet
    outgoing = OutgoingEmail.objects.get(interaction=sent)
    claim = OUTBOX.claim(ids=[outgoing.pk])

    second = outbox_deliver(outgoing.pk)
    again = OUTBOX.claim(ids=[outgoing.pk])

    assert claim.ids == [outgoing.pk] and not again
    assert second == "running" and mail.outbox == []


def test_a_stale_claim_of_a_dead_consumer_is_sent_by_the_sweep(project, contact, member):
    sent = _enqueue(project, contact, member)
    outgoing = OutgoingEmail.objects.get(interaction=sent)
    OUTBOX.claim(ids=[outgoing.pk])  # the consumer died right after claiming it
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(
        work_claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )

    summary = outbox_flush()
    outbox_flush()

    outgoing.refresh_from_db()
    assert summary.sent == 1 and outgoing.work_state == "done" and len(mail.outbox) == 1


def test_repeating_the_task_sends_once(project, contact, member):
    from accord.communications.tasks import outbox_send

    sent = _enqueue(project, contact, member)
    outgoing_id = OutgoingEmail.objects.get(interaction=sent).pk

    states = [outbox_send.call_local(outgoing_id) for _ in range(3)]

    assert states == ["done", "done", "done"] and len(mail.outbox) == 1


def test_emails_about_a_record_are_listed_for_its_page(project, contact, member):
    first = _enqueue(project, contact, member, about=project)
    _enqueue(project, contact, member)

    assert outbox_about(project) == [first]
