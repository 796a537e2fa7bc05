"""The decision token reaches only the client: not the stored e-mail, not the logs."""

import datetime
import io
import logging
from decimal import Decimal

import pytest
from django.core import mail

from accord.changes import services
from accord.changes.models import DecisionLink
from accord.clients.tests.factories import ContactFactory
from accord.communications.models import Interaction
from accord.core.masking import secret_mask
from accord.projects.tests.factories import ContractFactory, MilestoneFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(member, django_capture_on_commit_callbacks):
    project = ProjectFactory(client__workspace=member.workspace, budget=Decimal("1000"))
    ContractFactory(project=project, hourly_rate=Decimal("100"))
    contact = ContactFactory(client=project.client, language="en")
    change = services.change_request_create(
        project=project,
        actor=member.user,
        title="Mobile app",
        description="We want a mobile app",
        requested_by=contact,
    )
    milestone = MilestoneFactory(project=project, planned_date=datetime.date(2026, 12, 1))
    services.change_request_assess(
        change=change, actor=member.user, effort_hours=Decimal("4"), shifts={milestone.pk: 2}
    )
    with django_capture_on_commit_callbacks(execute=True):
        interaction = services.change_request_send(change=change, actor=member.user)
    token = mail.outbox[-1].body.split("/changes/decide/")[1].split("/")[0]
    return change, interaction, token


def test_stored_email_has_the_link_masked_while_the_client_gets_it(sent, member_client):
    change, interaction, token = sent
    stored = Interaction.objects.get(pk=interaction.pk)

    assert token in mail.outbox[-1].body
    assert token not in stored.body_text
    assert secret_mask(token) in stored.body_text
    page = member_client.get(f"/communications/{stored.pk}/").content.decode()
    assert token not in page
    assert DecisionLink.objects.filter(change_request=change).get().token_hash != token


@pytest.fixture
def console_log():
    """What Accord's configured console handler writes (it carries the masking filter)."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    buffer = io.StringIO()
    old = handler.setStream(buffer)
    yield buffer
    handler.setStream(old)


def test_tokens_of_refused_links_are_masked_in_the_log(client, sent, console_log):
    _change, _interaction, token = sent
    DecisionLink.objects.update(expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))

    response = client.get(f"/changes/decide/{token}/")
    unknown = client.get("/changes/decide/guessed-token-123/")

    assert (response.status_code, unknown.status_code) == (410, 404)
    logged = console_log.getvalue()
    assert "/changes/decide/***/" in logged
    assert token not in logged and "guessed-token-123" not in logged


def test_public_decision_link_rate_limit_fires(client, monkeypatch):
    # django-ratelimit counts in fixed windows: a loop that crosses a window edge (a slow machine,
    # an unlucky second) starts counting again. Its clock is held still; the counting is real.
    import types

    import django_ratelimit.core

    now = django_ratelimit.core.time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now))
    statuses = [client.get(f"/changes/decide/guess-{n}/").status_code for n in range(35)]

    assert statuses[:30] == [404] * 30
    assert set(statuses[30:]) == {429}
