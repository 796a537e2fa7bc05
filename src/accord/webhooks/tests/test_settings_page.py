"""The webhooks settings page: owners and managers only; the secret is shown once."""

import pytest

from accord.webhooks.models import WebhookEndpoint
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_manager_adds_an_endpoint_and_sees_the_secret_once(member_client, settings):
    settings.ACCORD_WEBHOOKS_ALLOW_LOOPBACK = True

    response = member_client.post(
        "/workspace/webhooks/",
        {"url": "http://127.0.0.1:8999/hook", "events": ["case.opened", "case.resolved"]},
    )

    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("whsec_") and secret in response.content.decode()
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["case.opened", "case.resolved"]
    assert secret not in endpoint.secret_encrypted
    assert secret not in member_client.get("/workspace/webhooks/").content.decode()


def test_private_url_is_refused_on_the_page(member_client):
    response = member_client.post(
        "/workspace/webhooks/", {"url": "http://10.0.0.5/hook", "events": ["case.opened"]}
    )

    assert response.status_code == 400
    assert "public addresses" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_plain_members_cannot_manage_webhooks(client, member):
    plain = MemberFactory(workspace=member.workspace, role="member")
    client.force_login(plain.user)

    assert client.get("/workspace/webhooks/").status_code == 403


def test_the_page_and_its_refusals_speak_the_members_language(member, member_client):
    from accord.webhooks.models import WebhookDelivery

    member.language = "pl"
    member.save()
    endpoint = WebhookEndpoint.objects.create(
        workspace=member.workspace,
        url="https://hooks.example.com/accord",
        events=["invoice.overdue"],
        secret_encrypted="",
    )
    WebhookDelivery.objects.create(
        workspace=member.workspace, endpoint=endpoint, event="invoice.overdue", body="{}"
    )

    page = member_client.get("/workspace/webhooks/").content.decode()
    refused = member_client.post(
        "/workspace/webhooks/", {"url": "http://10.0.0.5/hook", "events": ["case.opened"]}
    ).content.decode()

    assert "Ostatnie dostarczenia" in page and "Recent deliveries" not in page
    assert "Faktura jest przeterminowana" in page and "invoice.overdue" in page
    assert "Webhooki trafiają tylko na adresy publiczne" in refused
