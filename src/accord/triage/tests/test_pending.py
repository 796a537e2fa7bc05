"""Durable triage state: every stored client message ends up triaged exactly once."""

import datetime
from email.message import EmailMessage

import pytest
from click.testing import CliRunner
from django.utils import timezone

from accord.cli import cli
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.ingestion.importer import mail_import_many
from accord.communications.models import Interaction
from accord.core.work import WorkState
from accord.triage import services
from accord.triage.models import TriageResult

pytestmark = pytest.mark.django_db


def _mail(number: int) -> tuple[str, bytes]:
    message = EmailMessage()
    message["From"] = "anna@acme.example"
    message["To"] = "team@accord.example"
    message["Subject"] = f"Order {number}"
    message["Message-ID"] = f"<order-{number}@acme.example>"
    message["Date"] = "Mon, 02 Mar 2026 10:00:00 +0000"
    message.set_content(f"Hello, when will release {number} be ready? We are waiting since May.")
    return f"mail-{number}.eml", message.as_bytes()


@pytest.fixture
def acme(workspace):
    client = ClientFactory(workspace=workspace, email_domains=["acme.example"])
    ContactFactory(client=client, email="anna@acme.example")
    return client


def _message(workspace, text="When will it be ready? We are still waiting."):
    return Interaction.objects.create(
        workspace=workspace,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        body_text=text,
    )


def test_new_inbound_messages_are_pending_and_outbound_have_no_triage_state(workspace):
    inbound = _message(workspace)
    outbound = Interaction.objects.create(
        workspace=workspace, channel="note", direction="out", occurred_at=timezone.now()
    )

    assert (inbound.triage_state, outbound.triage_state) == ("pending", "")


def test_triage_is_done_once_with_the_model_version(workspace):
    message = _message(workspace)

    first = services.interactions_triage_now(interaction_ids=[message.pk])
    again = services.interactions_triage_now(interaction_ids=[message.pk])

    message.refresh_from_db()
    assert len(first) == 1 and again == []
    assert message.triage_state == "done" and message.triage_done_at is not None
    assert TriageResult.objects.get(interaction=message).model_version
    assert message.triage_attempts == 1


def test_a_message_claimed_by_a_worker_that_died_is_triaged_after_the_stale_timeout(workspace):
    message = _message(workspace)
    claim = services._triage_queue().claim(ids=[message.pk])  # claimed, then kill -9

    fresh = services.interactions_triage_pending()
    Interaction.objects.filter(pk=message.pk).update(
        triage_claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    later = services.interactions_triage_pending()
    # The dead worker's claim no longer holds: it cannot finish the message a second time.
    late_finish = services._triage_queue().finish(message.pk, claim.token)

    assert claim.ids == [message.pk] and fresh == 0 and later == 1 and not late_finish
    assert TriageResult.objects.filter(interaction=message).count() == 1


def test_a_failing_message_keeps_its_reason_and_does_not_block_the_others(workspace, monkeypatch):
    good, bad = _message(workspace), _message(workspace, "boom")
    from accord.situations import services as situations

    original = situations.cases_open_from_triage

    def flaky(*, interaction, **kwargs):
        if interaction.pk == bad.pk:
            raise RuntimeError("case store unavailable")
        return original(interaction=interaction, **kwargs)

    monkeypatch.setattr(situations, "cases_open_from_triage", flaky)
    done = services.interactions_triage_pending()

    good.refresh_from_db()
    bad.refresh_from_db()
    assert done == 1
    assert good.triage_state == "done"
    assert bad.triage_state == "pending" and "case store unavailable" in bad.triage_error
    assert bad.triage_due_at > timezone.now()
    assert not TriageResult.objects.filter(interaction=bad).exists()


def test_failed_after_the_last_attempt(workspace, monkeypatch):
    from accord.situations import services as situations

    message = _message(workspace)

    def broken(**_kwargs):
        raise RuntimeError("still broken")

    monkeypatch.setattr(situations, "cases_open_from_triage", broken)
    for _ in range(3):
        Interaction.objects.filter(pk=message.pk).update(triage_due_at=None)
        services.interactions_triage_pending()

    message.refresh_from_db()
    assert message.triage_state == "failed" and message.triage_error == (
        "RuntimeError: still broken"
    )


def test_an_interrupted_import_leaves_its_messages_pending_and_the_rerun_triages_them(
    workspace, acme, monkeypatch, django_capture_on_commit_callbacks
):
    from accord.communications.ingestion import importer

    monkeypatch.setattr(importer, "BATCH_SIZE", 50)
    items = [_mail(n) for n in range(120)]

    def interrupted():
        for number, item in enumerate(items):
            if number == 110:
                raise KeyboardInterrupt
            yield item

    with pytest.raises(KeyboardInterrupt):
        mail_import_many(workspace=workspace, items=interrupted())
    stored = Interaction.objects.filter(direction="in")
    pending_after_interrupt = stored.filter(triage_state=WorkState.PENDING).count()
    first_count = stored.count()

    with django_capture_on_commit_callbacks(execute=True):
        summary = mail_import_many(workspace=workspace, items=iter(items))

    assert first_count == pending_after_interrupt and 0 < first_count < 120
    assert summary.imported == 120 - first_count and summary.duplicates == first_count
    assert stored.count() == 120
    assert set(stored.values_list("triage_state", flat=True)) == {"done"}
    assert TriageResult.objects.count() == 120


def test_cli_triage_pending(workspace):
    for _ in range(3):
        _message(workspace)

    result = CliRunner().invoke(cli, ["triage", "pending", "--batch", "2"])
    again = CliRunner().invoke(cli, ["triage", "pending"])

    assert result.exit_code == 0, result.output
    assert "triaged: 3, done: 3, pending: 0" in result.output
    assert "triaged: 0, done: 3" in again.output
