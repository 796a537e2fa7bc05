"""A client e-mail arrives -> triage -> a case with a draft -> a change request the client approves."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from accord.changes import services as changes
from accord.changes.models import PlanVersion
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.ingestion.importer import mail_import_many
from accord.projects.tests.factories import (
    ContractFactory,
    MilestoneFactory,
    ProjectFactory,
    ScopeItemFactory,
)
from accord.situations import services as situations
from accord.situations.checker import three_part_check
from accord.situations.models import Case

pytestmark = pytest.mark.django_db


def test_out_of_scope_message_becomes_an_approved_change(
    member, client, django_capture_on_commit_callbacks
):
    customer = ClientFactory(
        workspace=member.workspace, name="Meble", email_domains=["meble.example"], language="pl"
    )
    buyer = ContactFactory(
        client=customer, name="Katarzyna Wiśniewska", language="pl", email="k@meble.example"
    )
    project = ProjectFactory(
        client=customer,
        name="Sklep",
        budget=Decimal("1000.00"),
        start_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    ContractFactory(project=project, hourly_rate=Decimal("50.00"))
    ScopeItemFactory(contract=project.contract, title="Koszyk i płatności Przelewy24")
    ScopeItemFactory(contract=project.contract, title="Aplikacja mobilna", kind="excluded")
    milestone = MilestoneFactory(
        project=project,
        name="Start",
        planned_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    raw = (
        "From: Katarzyna <k@meble.example>\r\nSubject: Aplikacja\r\nMessage-ID: <m1@meble.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Dodajcie nam jeszcze aplikację mobilną sklepu, to przecież drobiazg, bez dodatkowej opłaty."
    ).encode()

    mail_import_many(workspace=member.workspace, items=[("m1.eml", raw)])

    message = customer.interactions.get()
    assert "out_of_scope_request" in message.triage.labels
    case = Case.objects.get(project=project, situation="out_of_scope_request")
    draft = situations.case_draft_create(case=case, actor=member.user)
    assert three_part_check(draft.body).ok and "Koszyk i płatności Przelewy24" in draft.body

    change = changes.change_request_create(
        project=project,
        actor=member.user,
        title=message.subject,
        description=message.body_text,
        requested_by=buyer,
        origin="message",
        origin_interaction=message,
    )
    changes.change_request_assess(
        change=change, actor=member.user, effort_hours=Decimal("10"), shifts={milestone.pk: 7}
    )
    with django_capture_on_commit_callbacks(execute=True):
        changes.change_request_send(change=change, actor=member.user)
    token = mail.outbox[-1].body.split("/changes/decide/")[1].split("/")[0]
    response = client.post(f"/changes/decide/{token}/", {"decision": "approve", "comment": "Tak"})

    project.refresh_from_db()
    milestone.refresh_from_db()
    assert change.scope_verdict == "not_covered"
    assert response.status_code == 200 and project.budget == Decimal("1500.00")
    assert milestone.planned_date == timezone.localdate() + datetime.timedelta(days=27)
    assert PlanVersion.objects.get().change_request == change
