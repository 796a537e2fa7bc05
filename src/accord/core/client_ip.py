"""The address of the person behind a request, also when Accord runs behind a reverse proxy.

``X-Forwarded-For`` is written by whoever sent the request, so it is believed only as far as it
was written by proxies we trust: when the peer (``REMOTE_ADDR``) is one of
``ACCORD_TRUSTED_PROXIES``, the header is read from the right (the hop nearest to us) and the
first address that is not a trusted proxy is the client. Anything further left was supplied by
the client and is ignored, so a forged header cannot pick another address's lockout or rate
limit. Without trusted proxies the header is never read.

Login lockouts (django-axes) and rate limits (django-ratelimit) both ask :func:`client_ip`.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue  # refused at start-up by trusted_proxies_check; never trusted
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    """The configured proxy networks (``ACCORD_TRUSTED_PROXIES``: addresses or CIDR ranges)."""
    return _networks(tuple(getattr(settings, "ACCORD_TRUSTED_PROXIES", ()) or ()))


def _address(text: str):
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.9:51234"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The client's address: the peer, or what trusted proxies say the peer was."""
    peer_text = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_proxies()
    candidate = _address(peer_text)
    if not networks or not _is_trusted(candidate, networks):
        return peer_text
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            break  # unreadable: stop at the last hop a trusted proxy vouched for
        candidate = address
        if not _is_trusted(address, networks):
            break
    return str(candidate)


def trusted_proxies_check(app_configs=None, **kwargs):
    """Refuse to start with an ACCORD_TRUSTED_PROXIES entry that is not an address or range."""
    from django.core.checks import Error

    errors = []
    for entry in getattr(settings, "ACCORD_TRUSTED_PROXIES", ()) or ():
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"ACCORD_TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR range.",
                    hint="Give addresses or ranges separated by commas, e.g. 10.0.0.2,10.1.0.0/16.",
                    id="accord.E020",
                )
            )
    return errors
