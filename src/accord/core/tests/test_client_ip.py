"""Behind a reverse proxy: lockouts and rate limits see the client, and a forged header fails."""

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory

from accord.core.client_ip import client_ip
from accord.workspaces.tests.factories import UserFactory

PROXY = "10.0.0.2"


def _ip(remote: str, forwarded: str | None = None) -> str:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


def test_without_trusted_proxies_the_header_is_never_read(settings):
    settings.ACCORD_TRUSTED_PROXIES = []

    assert _ip("203.0.113.9", "198.51.100.7") == "203.0.113.9"
    assert _ip(PROXY, "198.51.100.7") == PROXY


def test_a_trusted_proxy_passes_the_client_address_on(settings):
    settings.ACCORD_TRUSTED_PROXIES = [PROXY]

    assert _ip(PROXY, "198.51.100.7") == "198.51.100.7"
    assert _ip(PROXY, " 2001:db8::5 ") == "2001:db8::5"
    assert _ip(PROXY) == PROXY  # the proxy's own request (a health check)


def test_an_untrusted_peer_cannot_choose_its_address(settings):
    settings.ACCORD_TRUSTED_PROXIES = [PROXY]

    assert _ip("203.0.113.9", "198.51.100.7") == "203.0.113.9"


def test_addresses_the_client_wrote_in_front_are_ignored(settings):
    settings.ACCORD_TRUSTED_PROXIES = ["10.0.0.0/8"]

    # The client sent "X-Forwarded-For: 1.2.3.4"; two proxies of ours appended what they saw.
    assert _ip(PROXY, "1.2.3.4, 198.51.100.7, 10.0.0.9") == "198.51.100.7"
    # Garbage where an address should be: stop at the last hop a trusted proxy vouched for.
    assert _ip(PROXY, "198.51.100.7, not-an-address") == PROXY
    assert _ip(PROXY, "203.0.113.9:51234") == "203.0.113.9"


@pytest.mark.django_db
def test_a_bad_entry_is_refused_at_start_up(settings):
    settings.ACCORD_TRUSTED_PROXIES = ["10.0.0.2", "proxy.internal"]

    errors = [error for error in run_checks() if error.id == "accord.E020"]

    assert len(errors) == 1 and "proxy.internal" in errors[0].msg
    assert _ip("10.0.0.2", "198.51.100.7") == "198.51.100.7"  # the good entry still works


@pytest.mark.django_db
def test_login_lockout_counts_each_client_behind_the_proxy(client, settings):
    settings.ACCORD_TRUSTED_PROXIES = [PROXY]
    UserFactory(username="anna", password="right-pass-123")

    def login(password, address):
        return client.post(
            "/login/",
            {"username": "anna", "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=address,
        )

    attacker = [login("wrong", "198.51.100.7").status_code for _ in range(5)]
    forged = login("right-pass-123", "1.2.3.4, 198.51.100.7")
    anna = login("right-pass-123", "203.0.113.20")

    assert attacker == [200] * 4 + [429]
    assert forged.status_code == 429  # a forged header in front does not escape the lockout
    assert anna.status_code == 302  # the real user, from her own address, still gets in


@pytest.mark.django_db
def test_rate_limit_of_public_links_counts_each_client_behind_the_proxy(client, settings):
    settings.ACCORD_TRUSTED_PROXIES = [PROXY]

    def guess(n, address):
        return client.get(
            f"/changes/decide/guess-{n}/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address
        ).status_code

    first = [guess(n, "198.51.100.7") for n in range(31)]
    other = guess(99, "203.0.113.20")

    assert first[:30] == [404] * 30 and first[30] == 429
    assert other == 404
