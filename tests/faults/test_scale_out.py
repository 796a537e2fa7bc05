"""Huey on Redis with real consumers; two consumers on PostgreSQL never do a piece of work twice
and lose none."""

import shutil

import pytest

from accord.communications.tests.smtp_server import LocalSMTP

from .conftest import Accord, wait_until, write_mbox

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
print(json.dumps(len(ids)))
"""


def test_huey_on_redis_runs_tasks_in_a_real_consumer_and_the_cache_is_shared(
    tmp_path, sqlite_template, redis_url, redis_queue
):
    shutil.copy(sqlite_template, tmp_path / "accord.sqlite3")
    accord = Accord(tmp_path, REDIS_URL=redis_url, ACCORD_HUEY_NAME=redis_queue)
    try:
        imported = accord.command("import-mail", str(write_mbox(tmp_path / "in.mbox", 50)))
        pending = accord.triage_counts()
        queued = accord.python(
            "from huey.contrib.djhuey import HUEY\n"
            "from django.core.cache import cache\n"
            "cache.set('shared-check', 'from another process', 60)\n"
            "print(json.dumps([HUEY.storage.__class__.__name__, HUEY.pending_count()]))"
        )
        accord.consumer()
        wait_until(lambda: accord.triage_counts() == {"done": 50}, timeout=120, what="triage")
        seen = accord.python(
            "from django.core.cache import cache\nprint(json.dumps(cache.get('shared-check')))"
        )
    finally:
        accord.stop()

    assert imported.returncode == 0, imported.stderr
    assert pending == {"pending": 50} and queued == ["RedisStorage", 1]
    assert seen == "from another process"


def test_two_consumers_on_postgresql_do_each_piece_of_work_once(accord_pg, tmp_path):
    accord = accord_pg
    accord.env["ACCORD_WORK_STALE_SECONDS"] = "600"  # no take-over: every claim must hold
    smtp = LocalSMTP().start()
    accord.env.update(
        ACCORD_EMAIL_HOST="127.0.0.1", ACCORD_EMAIL_PORT=str(smtp.port), ACCORD_EMAIL_USE_TLS="0"
    )
    emails = 40
    try:
        imported = accord.command("import-mail", str(write_mbox(tmp_path / "in.mbox", 1000)))
        messages = accord.python(FLOOD.replace("EMAILS", str(emails)), timeout=300)
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
    finally:
        smtp.stop()

    assert imported.returncode == 0 and messages == 1000
    # Each message claimed exactly once, one result each; each e-mail sent exactly once.
    assert accord.sql(
        "SELECT min(triage_attempts), max(triage_attempts) FROM communications_interaction "
        "WHERE direction = 'in'"
    )[0] == (1, 1)
    assert accord.sql("SELECT count(*), count(DISTINCT interaction_id) FROM triage_triageresult")[
        0
    ] == (1000, 1000)
    message_ids = [message["Message-ID"] for message in smtp.messages]
    assert len(message_ids) == emails and len(set(message_ids)) == emails
    assert accord.scalar("SELECT max(work_attempts) FROM communications_outgoingemail") == 1
    assert accord.scalar("SELECT count(*) FROM core_event WHERE verb = 'email.sent'") == emails
    # Both consumers took part.
    for consumer in (first, second):
        assert "Executing accord.triage.tasks" in consumer.log.read_text()
