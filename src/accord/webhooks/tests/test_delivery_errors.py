"""A failed delivery's reason is stored in English (the API returns it) and shown translated."""

import pytest
from django.utils import translation

from accord.projects.tests.factories import ProjectFactory
from accord.webhooks import services
from accord.webhooks.models import WebhookDelivery

from .test_webhooks import Receiver

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "stored", "shown"),
    [
        ("pl", "The receiver answered 503.", "Odbiorca odpowiedział kodem 503."),
        ("ru", "The receiver answered 503.", "Получатель ответил кодом 503."),
        ("en", "The receiver answered 503.", "The receiver answered 503."),
        (
            "ru",
            "ConnectionRefusedError: [Errno 111] Connection refused",
            "Не удалось соединиться: [Errno 111] Connection refused (ConnectionRefusedError)",
        ),
        ("pl", "The host name does not resolve.", "Nie można ustalić adresu hosta."),
        ("ru", "something a receiver said", "something a receiver said"),
    ],
)
def test_stored_reasons_are_worded_in_the_readers_language(language, stored, shown):
    with translation.override(language):
        assert services.delivery_error_text(stored) == shown


def test_a_reason_is_stored_in_english_whatever_language_is_active(member, settings):
    settings.ACCORD_WEBHOOKS_ALLOW_LOOPBACK = True
    ProjectFactory(client__workspace=member.workspace)
    with Receiver() as receiver:
        services.endpoint_create(
            workspace=member.workspace, actor=member.user, url=receiver.url, events=["case.opened"]
        )
        delivery = services.webhook_emit(member.workspace, "case.opened", {})[0]
        settings.ACCORD_WEBHOOKS_ALLOW_LOOPBACK = False
        with translation.override("pl"):
            services.webhook_deliver(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.work_error == (
        "Webhooks go only to public addresses (not loopback or private networks)."
    )


def test_the_settings_page_shows_the_reason_in_the_members_language(client, member):
    member.language = "pl"
    member.save(update_fields=["language"])
    endpoint, _secret = services.endpoint_create(
        workspace=member.workspace,
        actor=member.user,
        url="https://93.184.216.34/hook",
        events=["case.opened"],
    )
    WebhookDelivery.objects.create(
        workspace=member.workspace,
        endpoint=endpoint,
        event="case.opened",
        body="{}",
        work_state="pending",
        work_error="The receiver answered 502.",
    )
    client.force_login(member.user)

    page = client.get("/workspace/webhooks/").content.decode()

    assert "Odbiorca odpowiedział kodem 502." in page
    assert "The receiver answered 502." not in page
