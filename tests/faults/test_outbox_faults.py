"""SMTP down while the consumer sends: the e-mail stays queued and goes out once it is back."""

import pytest

from accord.communications.tests.smtp_server import LocalSMTP

from .conftest import wait_until

pytestmark = pytest.mark.faults

ENQUEUE = """
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.outbox import outbox_enqueue
from accord.workspaces.models import Workspace
from django.db import transaction

workspace = Workspace.objects.get(slug="faults")
client = ClientFactory(workspace=workspace, email_domains=["customer.example"])
contact = ContactFactory(client=client, email="anna@customer.example")
with transaction.atomic():
    sent = outbox_enqueue(
        workspace=workspace, actor=None, to_contacts=[contact], client=client,
        subject="Weekly status\\nof the shop", body="All milestones on track.",
    )
print(json.dumps(sent.message_id))
"""


def _state(accord) -> tuple[str, int, str]:
    return accord.sql(
        "SELECT work_state, work_attempts, work_error FROM communications_outgoingemail"
    )[0]


def test_smtp_down_during_send_keeps_the_email_queued_and_sends_it_when_back(
    accord_local_queue,
):
    accord = accord_local_queue
    smtp = LocalSMTP()  # not started yet: the port refuses connections
    accord.env.update(
        ACCORD_EMAIL_HOST="127.0.0.1",
        ACCORD_EMAIL_PORT=str(smtp.port),
        ACCORD_EMAIL_USE_TLS="0",
        ACCORD_MAIL_RETRY_SECONDS="1",
    )
    accord.consumer()
    try:
        message_id = accord.python(ENQUEUE)
        queued = wait_until(
            lambda: (state := _state(accord))[1] >= 2 and state,
            timeout=90,
            what="two failed tries while the server is down",
        )
        smtp.start()
        wait_until(lambda: _state(accord)[0] == "done", timeout=90, what="the e-mail to be sent")
    finally:
        smtp.stop()

    # Still queued after the failed tries: waiting for its next try, or in one ("running").
    assert queued[0] in ("pending", "running") and "refused" in queued[2].lower()
    assert [message["Message-ID"] for message in smtp.messages] == [message_id]
    assert smtp.messages[0]["Subject"] == "Weekly status of the shop"
    assert accord.scalar("SELECT count(*) FROM core_event WHERE verb = 'email.sent'") == 1
