"""Huey on Redis with two real consumers on PostgreSQL: no piece of work done twice, none lost;
the Django cache on Redis is shared between processes."""

import pytest

from accord.communications.tests.smtp_server import LocalSMTP

from .conftest import wait_until, write_mbox

pytestmark = pytest.mark.faults

FLOOD = """
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.models import Interaction, OutgoingEmail
from accord.communications.outbox import outbox_enqueue
from accord.communications.tasks import outbox_send
from accord.triage.tasks import interactions_triage
from accord.workspaces.models import Workspace
from django.db import transaction

workspace = Workspace.objects.get(slug="faults")
client = ClientFactory(workspace=workspace, email_domains=["buyer.example"])
contacts = [ContactFactory(client=client, email=f"p{n}@buyer.example") for n in range(EMAILS)]
for contact in contacts:
    with transaction.atomic():
        outbox_enqueue(workspace=workspace, actor=None, to_contacts=[contact], client=client,
                       subject=f"Status for {contact.name}", body="On track.")
for outgoing in OutgoingEmail.objects.all():
    outbox_send(outgoing.pk)  # a second message for the same e-mail: sent once all the same
ids = list(Interaction.objects.filter(direction="in").values_list("pk", flat=True))
for start in range(0, len(ids), 50):
    interactions_triage(ids[start:start + 100])  # overlapping batches
from django.core.cache import cache
from huey.contrib.djhuey import HUEY
cache.set("shared-check", "from another process", 300)
print(json.dumps([len(ids), HUEY.storage.__class__.__name__, HUEY.pending_count()]))
"""


def test_two_consumers_on_postgresql_do_each_piece_of_work_once(accord_pg, tmp_path):
    accord = accord_pg
    accord.env["ACCORD_WORK_STALE_SECONDS"] = "600"  # no take-over: every claim must hold
    smtp = LocalSMTP().start()
    accord.env.update(
        ACCORD_EMAIL_HOST="127.0.0.1", ACCORD_EMAIL_PORT=str(smtp.port), ACCORD_EMAIL_USE_TLS="0"
    )
    emails, count = 20, 600
    try:
        imported = accord.command("import-mail", str(write_mbox(tmp_path / "in.mbox", count)))
        messages, storage, queued = accord.python(FLOOD.replace("EMAILS", str(emails)), timeout=300)
        first, second = accord.consumer(), accord.consumer()
        wait_until(
            lambda: (
                accord.triage_counts() == {"done": messages}
                and accord.scalar(
                    "SELECT count(*) FROM communications_outgoingemail WHERE work_state = 'done'"
                )
                == emails
            ),
            timeout=180,
            interval=0.5,
            what="all triage and all e-mails",
        )
        accord.stop()
        seen = accord.python(
            "from django.core.cache import cache\nprint(json.dumps(cache.get('shared-check')))"
        )
    finally:
        smtp.stop()

    assert imported.returncode == 0 and messages == count
    # The tasks went through Redis (one triage sweep from the import, 2 sends per e-mail and the
    # overlapping batches), and a value cached by one process is read by another.
    assert storage == "RedisStorage" and queued == 1 + 2 * emails + len(range(0, count, 50))
    assert seen == "from another process"
    # Each message claimed exactly once, one result each; each e-mail sent exactly once.
    assert accord.sql(
        "SELECT min(triage_attempts), max(triage_attempts) FROM communications_interaction "
        "WHERE direction = 'in'"
    )[0] == (1, 1)
    assert accord.sql("SELECT count(*), count(DISTINCT interaction_id) FROM triage_triageresult")[
        0
    ] == (count, count)
    message_ids = [message["Message-ID"] for message in smtp.messages]
    assert len(message_ids) == emails and len(set(message_ids)) == emails
    assert accord.scalar("SELECT max(work_attempts) FROM communications_outgoingemail") == 1
    assert accord.scalar("SELECT count(*) FROM core_event WHERE verb = 'email.sent'") == emails
    # Both consumers took part.
    for consumer in (first, second):
        assert "Executing accord.triage.tasks" in consumer.log.read_text()
