"""Every event a workspace can subscribe to is raised by the record it names, on a real receiver."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.billing.dunning import dunning_run
from accord.billing.tests.factories import InvoiceFactory
from accord.health.services import health_recompute
from accord.health.tests.factories import add_client_overdue, add_open_case, healthy_project
from accord.projects.tests.factories import ProjectFactory
from accord.situations import services as case_services
from accord.webhooks import services
from accord.webhooks.models import Event, WebhookDelivery, WebhookEmitted

from .test_webhooks import Receiver, verify

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def receiver(settings):
    settings.ACCORD_WEBHOOKS_ALLOW_LOOPBACK = True
    with Receiver() as server:
        yield server


def subscribe(member, receiver, *events):
    _endpoint, secret = services.endpoint_create(
        workspace=member.workspace, actor=member.user, url=receiver.url, events=list(events)
    )
    return secret


def received(receiver):
    return [(headers["X-Accord-Event"], json.loads(body)) for headers, body in receiver.requests]


@pytest.fixture
def late_invoice(member):
    """Due on Saturday 5 September 2026, so late from Tuesday 8 September (Monday is the move)."""
    return InvoiceFactory(
        project__client__workspace=member.workspace,
        number="FV/2026/09/007",
        amount=Decimal("1200.00"),
        currency="PLN",
        issue_date=D(2026, 8, 22),
        due_date=D(2026, 9, 5),
    )


def test_invoice_overdue_reaches_the_receiver_once_when_the_invoice_becomes_late(
    member, receiver, late_invoice, django_capture_on_commit_callbacks
):
    secret = subscribe(member, receiver, Event.INVOICE_OVERDUE)

    with django_capture_on_commit_callbacks(execute=True):
        dunning_run(today=D(2026, 9, 7))  # the moved due date: not late yet
    assert receiver.requests == []

    with django_capture_on_commit_callbacks(execute=True):
        for day in (D(2026, 9, 8), D(2026, 9, 9), D(2026, 9, 15)):
            dunning_run(today=day)

    assert [event for event, _payload in received(receiver)] == ["invoice.overdue"]
    headers, body = receiver.requests[0]
    assert verify(secret, headers, body)
    data = json.loads(body)["data"]
    assert data["invoice"] == {
        "id": late_invoice.pk,
        "number": "FV/2026/09/007",
        "amount": "1200.000",
        "amount_paid": "0.000",
        "outstanding": "1200.000",
        "currency": "PLN",
        "issue_date": "2026-08-22",
        "due_date": "2026-09-05",
        "status": "issued",
    }
    assert data["project"]["id"] == late_invoice.project_id
    assert data["client_id"] == late_invoice.client_id
    assert WebhookDelivery.objects.get().work_state == "done"


def test_invoice_overdue_waits_for_a_subscriber_and_leaves_no_mark_without_one(
    member, receiver, late_invoice
):
    dunning_run(today=D(2026, 9, 8))
    assert WebhookEmitted.objects.count() == 0 and WebhookDelivery.objects.count() == 0

    subscribe(member, receiver, Event.INVOICE_OVERDUE)
    dunning_run(today=D(2026, 9, 9))

    assert list(WebhookDelivery.objects.values_list("event", flat=True)) == ["invoice.overdue"]


def test_a_paid_invoice_is_never_announced(member, receiver, late_invoice):
    from accord.billing.services import payment_record

    subscribe(member, receiver, Event.INVOICE_OVERDUE)
    payment_record(invoice=late_invoice, amount="1200.00", paid_on=D(2026, 9, 4), actor=member.user)

    dunning_run(today=D(2026, 9, 20))

    assert WebhookDelivery.objects.count() == 0


def test_health_changed_when_the_band_changes_for_project_and_client(
    member, receiver, django_capture_on_commit_callbacks
):
    project = healthy_project(client__workspace=member.workspace)
    health_recompute(project_ids=[project.pk])  # first score: nothing to compare with
    secret = subscribe(member, receiver, Event.HEALTH_CHANGED)
    add_open_case(project, dose=3)
    add_client_overdue(project, dose=3)

    with django_capture_on_commit_callbacks(execute=True):
        health_recompute(project_ids=[project.pk])

    events = received(receiver)
    assert [event for event, _payload in events] == ["health.changed", "health.changed"]
    by_kind = {payload["data"]["kind"]: payload["data"] for _event, payload in events}
    assert set(by_kind) == {"project", "client"}
    changed = by_kind["project"]
    assert changed["project"] == {
        "id": project.pk,
        "name": project.name,
        "client_id": project.client_id,
    }
    assert changed["before"] == {"score": 100, "band": "good"}
    assert changed["after"]["band"] != "good" and changed["after"]["score"] < 75
    assert by_kind["client"]["client"]["id"] == project.client_id
    assert all(verify(secret, headers, body) for headers, body in receiver.requests)


def test_health_changed_for_a_large_move_within_a_band_but_not_a_small_one(
    member, receiver, settings
):
    project = healthy_project(client__workspace=member.workspace)
    health_recompute(project_ids=[project.pk])
    subscribe(member, receiver, Event.HEALTH_CHANGED)
    settings.ACCORD_HEALTH_CHANGE_POINTS = 100  # nothing short of a band change counts
    add_client_overdue(project, dose=1)
    health_recompute(project_ids=[project.pk])
    from accord.health.models import ProjectHealth

    health = ProjectHealth.objects.get(project=project)
    assert health.band == "good" and health.score < 100  # moved, but stayed in its band
    assert WebhookDelivery.objects.count() == 0

    settings.ACCORD_HEALTH_CHANGE_POINTS = 1
    add_client_overdue(project, dose=2)
    health_recompute(project_ids=[project.pk])

    assert WebhookDelivery.objects.filter(event="health.changed").count() >= 1


def test_health_changed_goes_only_to_workspaces_that_listen(member, receiver):
    project = healthy_project(client__workspace=member.workspace)
    other = healthy_project()
    health_recompute(project_ids=[project.pk, other.pk])
    subscribe(member, receiver, Event.CASE_OPENED)  # listens, but not to health
    for each in (project, other):
        add_open_case(each, dose=3)
        add_client_overdue(each, dose=3)

    health_recompute(project_ids=[project.pk, other.pk])

    assert WebhookDelivery.objects.filter(event="health.changed").count() == 0
    assert WebhookDelivery.objects.filter(event="case.opened").count() == 3  # mine only


def test_case_resolved_is_emitted_once(member, receiver, django_capture_on_commit_callbacks):
    subscribe(member, receiver, Event.CASE_RESOLVED)
    project = ProjectFactory(client__workspace=member.workspace)
    case, _created = case_services.case_open(
        project=project, situation="conflict", actor=member.user
    )

    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_update(
            case=case, actor=member.user, status="resolved", resolution_summary="Agreed a plan"
        )
        case_services.case_update(case=case, actor=member.user, notes="Follow-up call held")

    assert [event for event, _payload in received(receiver)] == ["case.resolved"]
    assert received(receiver)[0][1]["data"]["case"]["id"] == case.pk


def test_commitment_overdue_reaches_the_receiver(
    member, receiver, django_capture_on_commit_callbacks
):
    from accord.agreements.tests.factories import CommitmentFactory

    subscribe(member, receiver, Event.COMMITMENT_OVERDUE)
    project = ProjectFactory(client__workspace=member.workspace)
    commitment = CommitmentFactory(
        project=project,
        side="client",
        title="Send the test data",
        due_date=timezone.localdate() - datetime.timedelta(days=2),
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.commitments_overdue_emit()

    ((event, payload),) = received(receiver)
    assert event == "commitment.overdue"
    assert payload["data"]["commitment"]["id"] == commitment.pk


# -- each record event: raised once by the service that makes the change, never by other saves --


def _events() -> list[str]:
    return list(WebhookDelivery.objects.order_by("pk").values_list("event", flat=True))


def test_interaction_received_once_per_inbound_message_and_not_for_other_saves(member, receiver):
    from accord.communications.ingestion.importer import mail_import
    from accord.communications.models import Interaction
    from accord.communications.services import interaction_log

    subscribe(member, receiver, Event.INTERACTION_RECEIVED)
    raw = (
        b"From: ann@client.example\r\nTo: team@team.example\r\nSubject: Hello\r\n"
        b"Message-ID: <once@client.example>\r\n\r\nWhere is the release?\r\n"
    )

    first = mail_import(workspace=member.workspace, raw=raw, triage=False)
    mail_import(workspace=member.workspace, raw=raw, triage=False)  # the same message again
    message = first.interaction
    message.subject = "Hello (read)"
    message.save()
    interaction_log(
        workspace=member.workspace,
        actor=member.user,
        channel=Interaction.Channel.CALL,
        direction=Interaction.Direction.OUTBOUND,
        occurred_at=timezone.now(),
        body="Called back about the release.",
    )
    assert _events() == ["interaction.received"]

    interaction_log(
        workspace=member.workspace,
        actor=member.user,
        channel=Interaction.Channel.CALL,
        direction=Interaction.Direction.INBOUND,
        occurred_at=timezone.now(),
        body="The client called: the release date worries them.",
    )
    assert _events() == ["interaction.received", "interaction.received"]
    data = json.loads(WebhookDelivery.objects.order_by("pk").first().body)["data"]
    assert data["interaction"]["id"] == message.pk and data["interaction"]["subject"] == "Hello"


def test_case_opened_once_per_case_and_not_for_other_saves(member, receiver):
    subscribe(member, receiver, Event.CASE_OPENED)
    project = ProjectFactory(client__workspace=member.workspace)

    case, created = case_services.case_open(
        project=project, situation="conflict", actor=member.user
    )
    again, created_again = case_services.case_open(
        project=project, situation="conflict", actor=member.user
    )  # attaches to the open case
    case_services.case_update(case=case, actor=member.user, notes="Called the sponsor")
    case.save()

    assert (created, created_again, again.pk) == (True, False, case.pk)
    assert _events() == ["case.opened"]
    data = json.loads(WebhookDelivery.objects.get().body)["data"]
    assert (data["case"]["id"], data["case"]["status"]) == (case.pk, "open")


def test_case_resolved_once_per_resolution_and_not_for_other_saves(member, receiver):
    subscribe(member, receiver, Event.CASE_RESOLVED)
    project = ProjectFactory(client__workspace=member.workspace)
    case, _created = case_services.case_open(
        project=project, situation="conflict", actor=member.user
    )
    case_services.case_update(case=case, actor=member.user, status="in_progress")

    case_services.case_update(
        case=case, actor=member.user, status="resolved", resolution_summary="Agreed a plan"
    )
    case_services.case_update(case=case, actor=member.user, status="resolved", notes="Still fine")
    case.refresh_from_db()
    case.save()
    assert _events() == ["case.resolved"]

    case_services.case_update(case=case, actor=member.user, status="in_progress")
    case_services.case_update(case=case, actor=member.user, status="resolved")
    assert _events() == ["case.resolved", "case.resolved"]


def test_change_request_decided_once_per_decision_and_not_for_other_saves(member, receiver):
    from accord.changes import services as change_services
    from accord.changes.models import ChangeRequest
    from accord.projects.tests.factories import ContractFactory

    subscribe(member, receiver, Event.CHANGE_REQUEST_DECIDED)
    project = ProjectFactory(client__workspace=member.workspace)
    ContractFactory(project=project, hourly_rate=Decimal("50"))
    change = change_services.change_request_create(
        project=project, actor=member.user, title="Export", description="CSV export"
    )
    change_services.change_request_assess(change=change, actor=member.user, effort_hours=2)
    assert _events() == []

    change_services.change_request_decide_by_hand(
        change=change, actor=member.user, approve=False, evidence="Call on Monday"
    )
    decided = ChangeRequest.objects.get(pk=change.pk)
    decided.title = "Export (CSV)"
    decided.save()

    assert _events() == ["change_request.decided"]
    data = json.loads(WebhookDelivery.objects.get().body)["data"]
    assert (data["change_request"]["id"], data["change_request"]["status"]) == (
        change.pk,
        "rejected",
    )
    assert data["change_request"]["reference"] == decided.reference
