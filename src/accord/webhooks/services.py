"""Webhooks: events go out signed, in the background, retried, and never to private addresses.

Other apps call :func:`webhook_emit` (``webhook_emit(workspace, "invoice.overdue", {...})``)
inside their transaction; the delivery rows are written with it and sent after the commit by
the task consumer, so the request that caused an event never waits for a receiver.

Each delivery is a POST of a JSON body with the headers

    X-Accord-Event: case.opened
    X-Accord-Delivery: 42
    X-Accord-Timestamp: 1767225600
    X-Accord-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the endpoint secret>

A 2xx answer is success; anything else, a timeout or a refused connection is retried with
backoff (30 s, 1, 2, 4 … minutes) up to ``ACCORD_WEBHOOK_MAX_ATTEMPTS`` tries.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import os
import re
import secrets
import socket
import ssl
import time
from typing import Any
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from accord.core.errors import DomainError
from accord.core.events import event_record
from accord.core.work import WorkQueue, WorkState

from .models import Event, WebhookDelivery, WebhookEmitted, WebhookEndpoint

logger = logging.getLogger(__name__)

EVENTS = tuple(Event.values)
TIMEOUT_SECONDS = 10


def max_attempts() -> int:
    return int(os.environ.get("ACCORD_WEBHOOK_MAX_ATTEMPTS", "8"))


QUEUE = WorkQueue(WebhookDelivery, max_attempts=max_attempts)


# -- secrets and signatures ---------------------------------------------------------------


def _fernet() -> Fernet:
    key = hashlib.sha256(("accord-webhooks:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def endpoint_secret(endpoint: WebhookEndpoint) -> str:
    return _fernet().decrypt(endpoint.secret_encrypted.encode()).decode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` + hex HMAC-SHA256 over ``timestamp + "." + body`` (what receivers check)."""
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_verify(
    secret: str, timestamp: str, body: bytes, received: str, *, tolerance: int = 300
) -> bool:
    """The receiver's check (also in the README): right signature, timestamp within 5 minutes."""
    try:
        age = abs(time.time() - int(timestamp))
    except (TypeError, ValueError):
        return False
    return age <= tolerance and hmac.compare_digest(signature(secret, timestamp, body), received)


# -- where deliveries may go --------------------------------------------------------------


def _allowed_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if ip.is_loopback and getattr(settings, "ACCORD_WEBHOOKS_ALLOW_LOOPBACK", False):
        return True
    if getattr(settings, "ACCORD_WEBHOOKS_ALLOW_PRIVATE", False):
        return not ip.is_multicast
    return ip.is_global and not ip.is_multicast


def url_check(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of a URL a delivery may go to; DomainError naming ``url``.

    Only http(s), no credentials in the URL, and every address the host resolves to must be a
    public one (not loopback, private, link-local, reserved) unless the settings allow it.
    """
    parts = urlsplit(url or "")
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise DomainError(_("Give an http:// or https:// URL."), field="url")
    if parts.username or parts.password:
        raise DomainError(_("Credentials in the URL are not allowed."), field="url")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise DomainError(_("The port is not valid."), field="url") from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise DomainError(_("The host name does not resolve."), field="url") from None
    addresses = {info[4][0] for info in infos}
    if not addresses or not all(_allowed_address(address) for address in addresses):
        raise DomainError(
            _("Webhooks go only to public addresses (not loopback or private networks)."),
            field="url",
        )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port, path


def _pinned_ip(host: str, port: int) -> str:
    """The address to connect to, checked again at send time (no DNS rebinding)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for info in infos:
        if _allowed_address(info[4][0]):
            return info[4][0]
    raise DomainError(_("The host resolves to a private address now."), field="url")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, ip, **kwargs):
        super().__init__(host, port, **kwargs)
        self._ip = ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, ip, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._ip = ip

    def connect(self):
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


# -- endpoints ----------------------------------------------------------------------------


def _events_check(events) -> list[str]:
    events = sorted(set(events or []))
    unknown = [event for event in events if event not in EVENTS]
    if unknown or not events:
        raise DomainError(
            _("Choose one or more events: %(events)s.") % {"events": ", ".join(EVENTS)},
            field="events",
        )
    return events


@transaction.atomic
def endpoint_create(
    *, workspace, actor, url: str, events, description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """Register a URL; returns the endpoint and its signing secret (shown to the team once)."""
    url_check(url)
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint.objects.create(
        workspace=workspace,
        url=url,
        description=(description or "")[:200],
        events=_events_check(events),
        secret_encrypted=_fernet().encrypt(secret.encode()).decode(),
    )
    event_record(
        workspace=workspace,
        actor=actor,
        verb="webhook_endpoint.created",
        target=endpoint,
        after={"url": url, "events": endpoint.events},
    )
    return endpoint, secret


@transaction.atomic
def endpoint_update(*, endpoint: WebhookEndpoint, actor, **changes) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    before = {"url": endpoint.url, "events": endpoint.events, "is_active": endpoint.is_active}
    if "url" in changes:
        url_check(changes["url"])
        endpoint.url = changes["url"]
    if "events" in changes:
        endpoint.events = _events_check(changes["events"])
    if "is_active" in changes:
        endpoint.is_active = bool(changes["is_active"])
    if "description" in changes:
        endpoint.description = (changes["description"] or "")[:200]
    endpoint.save()
    event_record(
        workspace=endpoint.workspace,
        actor=actor,
        verb="webhook_endpoint.updated",
        target=endpoint,
        before=before,
        after={"url": endpoint.url, "events": endpoint.events, "is_active": endpoint.is_active},
    )
    return endpoint


@transaction.atomic
def endpoint_delete(*, endpoint: WebhookEndpoint, actor) -> None:
    event_record(
        workspace=endpoint.workspace,
        actor=actor,
        verb="webhook_endpoint.deleted",
        before={"url": endpoint.url, "events": endpoint.events},
    )
    endpoint.delete()


# -- emitting and delivering --------------------------------------------------------------


def webhook_emit(workspace, event: str, payload: dict[str, Any]) -> list[WebhookDelivery]:
    """Queue ``event`` for every active endpoint of ``workspace`` that subscribed to it.

    Call it inside the transaction of the change; the rows are sent after the commit. Safe to
    call with no endpoints (nothing happens). ``payload`` must be JSON-serialisable (dates,
    decimals and UUIDs are fine) and carry nothing internal the receiver should not see.
    """
    if event not in EVENTS:
        raise ValueError(f"Unknown webhook event {event!r}.")
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(workspace=workspace, is_active=True)
        if event in endpoint.events
    ]
    if not endpoints:
        return []
    deliveries = []
    with transaction.atomic():
        for endpoint in endpoints:
            delivery = WebhookDelivery.objects.create(
                workspace=workspace, endpoint=endpoint, event=event, body=""
            )
            delivery.body = json.dumps(
                {
                    "id": delivery.pk,
                    "event": event,
                    "created_at": timezone.now().isoformat(),
                    "workspace": workspace.slug,
                    "data": payload,
                },
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
                sort_keys=True,
            )
            delivery.save(update_fields=["body"])
            deliveries.append(delivery)
        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: _send_later(ids))
    return deliveries


def workspaces_subscribed(event: str, workspace_ids) -> set[int]:
    """The workspaces among ``workspace_ids`` with an active endpoint that takes ``event``.

    One query; callers that raise an event for many objects ask this first, so a workspace
    without webhooks costs nothing more.
    """
    endpoints = WebhookEndpoint.objects.filter(
        workspace_id__in=list(workspace_ids), is_active=True
    ).values_list("workspace_id", "events")
    return {workspace_id for workspace_id, events in endpoints if event in (events or [])}


def webhook_emit_once(workspace, event: str, key: str, payload: dict[str, Any]) -> bool:
    """Emit ``event`` for ``key`` (an object) only the first time; True when it was emitted.

    Nothing is remembered while no endpoint takes the event, so an endpoint added later still
    hears about objects that are (still) in that state.
    """
    if workspace.pk not in workspaces_subscribed(event, [workspace.pk]):
        return False
    with transaction.atomic():
        _mark, created = WebhookEmitted.objects.get_or_create(
            workspace=workspace, event=event, key=str(key)[:100]
        )
        if created:
            webhook_emit(workspace, event, payload)
    return created


def _send_later(ids: list[int]) -> None:
    from .tasks import webhook_deliver

    for pk in ids:
        webhook_deliver(pk)


def _post(delivery: WebhookDelivery) -> int:
    """Send one delivery; the receiver's status code (raises OSError/DomainError on failure)."""
    endpoint = delivery.endpoint
    scheme, host, port, path = url_check(endpoint.url)
    ip = _pinned_ip(host, port)
    body = delivery.body.encode("utf-8")
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Accord-Webhooks/1",
        "X-Accord-Event": delivery.event,
        "X-Accord-Delivery": str(delivery.pk),
        "X-Accord-Timestamp": timestamp,
        "X-Accord-Signature": signature(endpoint_secret(endpoint), timestamp, body),
    }
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, ip, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        return response.status
    finally:
        connection.close()


def webhook_deliver(delivery_id: int) -> str:
    """Try one delivery (claimed first, so two workers never send it twice); its new state."""
    claim = QUEUE.claim(ids=[delivery_id], limit=1)
    if not claim:
        return ""
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    try:
        # The stored reason stays in English whoever triggered the try (the API returns it as
        # it is); the settings page translates it when shown (delivery_error_text).
        with translation.override("en"):
            status = _post(delivery)
    except DomainError as error:
        return QUEUE.fail(delivery.pk, claim.token, error.message, retry=False)
    except (OSError, http.client.HTTPException) as error:
        return QUEUE.fail(delivery.pk, claim.token, f"{type(error).__name__}: {error}")
    if 200 <= status < 300:
        QUEUE.finish(delivery.pk, claim.token, last_status_code=status)
        return WorkState.DONE
    return QUEUE.fail(
        delivery.pk, claim.token, f"The receiver answered {status}.", last_status_code=status
    )


# The refusals url_check and _pinned_ip store (in English) as a delivery's reason.
_STORED_REFUSALS = frozenset(
    {
        gettext_noop("Give an http:// or https:// URL."),
        gettext_noop("Credentials in the URL are not allowed."),
        gettext_noop("The port is not valid."),
        gettext_noop("The host name does not resolve."),
        gettext_noop("Webhooks go only to public addresses (not loopback or private networks)."),
        gettext_noop("The host resolves to a private address now."),
    }
)
_RECEIVER_ANSWERED = re.compile(r"^The receiver answered (?P<status>\d{3})\.$")
_CONNECTION_FAILED = re.compile(
    r"^(?P<kind>[A-Za-z_.]*(?:Error|Exception|Timeout|timeout|Refused)): (?P<detail>.*)$", re.S
)


def delivery_error_text(error: str) -> str:
    """A delivery's stored reason in the active language; one Accord did not write is shown as
    it is."""
    if error in _STORED_REFUSALS:
        return _(error)
    if match := _RECEIVER_ANSWERED.match(error):
        return pgettext("webhook delivery", "The receiver answered %(status)s.") % {
            "status": match["status"]
        }
    if match := _CONNECTION_FAILED.match(error):
        return pgettext("webhook delivery", "The connection failed: %(detail)s (%(kind)s)") % {
            "detail": match["detail"],
            "kind": match["kind"],
        }
    return error


def webhook_flush(limit: int = 200) -> int:
    """Send every delivery that is due (retries, and those of a consumer that died)."""
    due = list(
        WebhookDelivery.objects.filter(QUEUE.due())
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        webhook_deliver(pk)
    return len(due)


def delivery_retry(*, delivery: WebhookDelivery, actor) -> WebhookDelivery:
    """A person asks to try a failed delivery again now."""
    QUEUE.requeue(WebhookDelivery.objects.filter(pk=delivery.pk))
    transaction.on_commit(lambda: _send_later([delivery.pk]))
    return delivery


def commitments_overdue_emit(*, today=None) -> int:
    """``commitment.overdue`` once for each open commitment past its due date."""
    from accord.agreements.models import Commitment

    today = today or timezone.localdate()
    subscribed = (
        set(
            WebhookEndpoint.objects.filter(
                is_active=True, events__contains=[Event.COMMITMENT_OVERDUE]
            ).values_list("workspace_id", flat=True)
        )
        if _json_contains_supported()
        else {
            endpoint.workspace_id
            for endpoint in WebhookEndpoint.objects.filter(is_active=True)
            if Event.COMMITMENT_OVERDUE in endpoint.events
        }
    )
    count = 0
    overdue = Commitment.objects.filter(
        workspace_id__in=subscribed, status=Commitment.Status.OPEN, due_date__lt=today
    ).select_related("workspace", "project")
    for commitment in overdue:
        emitted = webhook_emit_once(
            commitment.workspace,
            Event.COMMITMENT_OVERDUE,
            f"commitment:{commitment.pk}:{commitment.due_date.isoformat()}",
            {
                "commitment": {
                    "id": commitment.pk,
                    "title": commitment.title,
                    "side": commitment.side,
                    "due_date": commitment.due_date,
                },
                "project": {"id": commitment.project_id, "name": commitment.project.name},
            },
        )
        count += int(emitted)
    return count


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains
