"""Webhooks against a real HTTP server on loopback: signed, retried, never to private networks."""

import datetime
import hashlib
import hmac
import http.server
import json
import threading
import time

import pytest
from django.utils import timezone

from accord.agreements.tests.factories import CommitmentFactory
from accord.core.errors import DomainError
from accord.projects.tests.factories import ProjectFactory
from accord.situations import services as case_services
from accord.webhooks import services
from accord.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


def verify(secret: str, headers, body: bytes, tolerance: int = 300) -> bool:
    """The receiver's check exactly as the README documents it."""
    timestamp = headers["X-Accord-Timestamp"]
    expected = (
        "sha256="
        + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    )
    fresh = abs(time.time() - int(timestamp)) <= tolerance
    return fresh and hmac.compare_digest(expected, headers["X-Accord-Signature"])


class Receiver:
    """A real HTTP server on a free loopback port that records what it gets."""

    def __init__(self):
        self.requests: list[tuple[dict, bytes]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                receiver.requests.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/accord"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.ACCORD_WEBHOOKS_ALLOW_LOOPBACK = True
    with Receiver() as server:
        yield server


@pytest.fixture
def project(member):
    return ProjectFactory(client__workspace=member.workspace)


def test_case_opened_is_delivered_with_a_valid_signature(
    member, project, receiver, django_capture_on_commit_callbacks
):
    _endpoint, secret = services.endpoint_create(
        workspace=member.workspace, actor=member.user, url=receiver.url, events=["case.opened"]
    )

    with django_capture_on_commit_callbacks(execute=True):
        case, _created = case_services.case_open(
            project=project, situation="conflict", actor=member.user
        )

    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert verify(secret, headers, body)
    assert not verify("whsec_wrong", headers, body)
    assert not verify(secret, headers, body + b" ")
    payload = json.loads(body)
    assert headers["X-Accord-Event"] == payload["event"] == "case.opened"
    assert payload["data"]["case"]["id"] == case.pk
    delivery = WebhookDelivery.objects.get()
    assert (delivery.work_state, delivery.last_status_code, delivery.work_attempts) == (
        "done",
        200,
        1,
    )


def test_a_failed_delivery_is_retried_with_backoff_then_delivered(
    member, project, receiver, django_capture_on_commit_callbacks
):
    services.endpoint_create(
        workspace=member.workspace, actor=member.user, url=receiver.url, events=["case.opened"]
    )
    receiver.statuses = [500]

    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_open(project=project, situation="conflict", actor=member.user)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.work_state, delivery.work_attempts, delivery.last_status_code) == (
        "pending",
        1,
        500,
    )
    assert delivery.work_due_at > timezone.now() + datetime.timedelta(seconds=20)
    assert services.webhook_flush() == 0  # not due yet

    WebhookDelivery.objects.update(work_due_at=timezone.now() - datetime.timedelta(seconds=1))
    assert services.webhook_flush() == 1

    delivery.refresh_from_db()
    assert (delivery.work_state, delivery.work_attempts, delivery.last_status_code) == (
        "done",
        2,
        200,
    )
    first, second = receiver.requests
    assert first[0]["X-Accord-Delivery"] == second[0]["X-Accord-Delivery"] == str(delivery.pk)
    assert first[1] == second[1]


def test_deliveries_give_up_after_the_last_attempt(member, project, receiver, monkeypatch):
    monkeypatch.setenv("ACCORD_WEBHOOK_MAX_ATTEMPTS", "2")
    services.endpoint_create(
        workspace=member.workspace, actor=member.user, url=receiver.url, events=["case.opened"]
    )
    receiver.statuses = [503, 503]
    delivery = services.webhook_emit(member.workspace, "case.opened", {"x": 1})[0]

    services.webhook_deliver(delivery.pk)
    WebhookDelivery.objects.update(work_due_at=timezone.now())
    services.webhook_deliver(delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.work_state, delivery.work_attempts) == ("failed", 2)
    assert "503" in delivery.work_error


def test_emitting_never_waits_for_the_receiver(member, project, receiver):
    services.endpoint_create(
        workspace=member.workspace, actor=member.user, url=receiver.url, events=["case.opened"]
    )

    case_services.case_open(project=project, situation="conflict", actor=member.user)

    # Inside the transaction only the delivery row exists; sending waits for the commit.
    assert receiver.requests == []
    assert WebhookDelivery.objects.get().work_state == "pending"


def test_only_subscribed_events_and_active_endpoints_receive(member, project, receiver):
    endpoint, _secret = services.endpoint_create(
        workspace=member.workspace, actor=member.user, url=receiver.url, events=["case.resolved"]
    )

    assert services.webhook_emit(member.workspace, "case.opened", {}) == []
    services.endpoint_update(endpoint=endpoint, actor=member.user, is_active=False)
    assert services.webhook_emit(member.workspace, "case.resolved", {}) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://192.168.0.1/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/x",
        "http://0.0.0.0/x",
        "ftp://example.com/x",
        "http://user:pw@example.com/x",
    ],
)
def test_private_addresses_and_odd_urls_are_refused(member, settings, url):
    settings.ACCORD_WEBHOOKS_ALLOW_LOOPBACK = False

    with pytest.raises(DomainError) as refused:
        services.endpoint_create(
            workspace=member.workspace, actor=member.user, url=url, events=["case.opened"]
        )

    assert refused.value.field == "url"


def test_a_host_that_turned_private_is_not_sent_to(member, project, receiver, settings):
    services.endpoint_create(
        workspace=member.workspace, actor=member.user, url=receiver.url, events=["case.opened"]
    )
    delivery = services.webhook_emit(member.workspace, "case.opened", {})[0]
    settings.ACCORD_WEBHOOKS_ALLOW_LOOPBACK = False

    services.webhook_deliver(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.work_state == "failed" and receiver.requests == []


def test_commitment_overdue_is_emitted_once(member, project, receiver):
    services.endpoint_create(
        workspace=member.workspace,
        actor=member.user,
        url=receiver.url,
        events=["commitment.overdue"],
    )
    CommitmentFactory(project=project, side="client", due_date=datetime.date(2026, 1, 10))

    first = services.commitments_overdue_emit(today=datetime.date(2026, 2, 1))
    again = services.commitments_overdue_emit(today=datetime.date(2026, 2, 2))

    assert (first, again) == (1, 0)
    assert WebhookDelivery.objects.filter(event="commitment.overdue").count() == 1


def test_change_request_decision_and_inbound_mail_emit(member, project, receiver):
    from decimal import Decimal

    from accord.changes import services as change_services
    from accord.communications.ingestion.importer import mail_import
    from accord.projects.tests.factories import ContractFactory

    services.endpoint_create(
        workspace=member.workspace,
        actor=member.user,
        url=receiver.url,
        events=["change_request.decided", "interaction.received"],
    )
    ContractFactory(project=project, hourly_rate=Decimal("50"))
    change = change_services.change_request_create(
        project=project, actor=member.user, title="Export", description="CSV export"
    )
    change_services.change_request_assess(change=change, actor=member.user, effort_hours=2)
    change_services.change_request_decide_by_hand(
        change=change, actor=member.user, approve=True, evidence="Call on Monday"
    )
    mail_import(
        workspace=member.workspace,
        raw=b"From: ann@client.example\r\nTo: team@team.example\r\nSubject: Hello\r\n"
        b"Message-ID: <m1@client.example>\r\n\r\nWhere is the release?\r\n",
        triage=False,
    )

    events = sorted(WebhookDelivery.objects.values_list("event", flat=True))
    assert events == ["change_request.decided", "interaction.received"]
