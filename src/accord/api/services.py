"""API tokens: issued once, stored as a hash, revocable; the token's member acts through it."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from accord.core.errors import DomainError
from accord.core.events import event_record

from .models import ApiToken

TOKEN_PREFIX = "acc_"
# A token's "last used" time is written at most this often (one UPDATE per minute, not per call).
LAST_USED_RESOLUTION = datetime.timedelta(seconds=60)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def api_token_create(*, member, name: str, actor=None) -> tuple[ApiToken, str]:
    """A new token for ``member``: the record and the token itself (shown once, never stored)."""
    name = (name or "").strip()
    if not name:
        raise DomainError("Give the token a name, e.g. the integration that uses it.", field="name")
    if len(name) > 100:
        raise DomainError("A token name has at most 100 characters.", field="name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        workspace=member.workspace,
        member=member,
        name=name,
        prefix=token[: len(TOKEN_PREFIX) + 6],
        token_hash=token_digest(token),
    )
    event_record(
        workspace=member.workspace,
        actor=actor or member.user,
        verb="api_token.created",
        target=record,
        after={"name": name, "member": member.pk},
    )
    return record, token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        event_record(workspace=token.workspace, actor=actor, verb="api_token.revoked", target=token)
    return token


def api_token_authenticate(raw: str):
    """The member behind a raw token, or None (unknown, revoked, inactive user, left the team)."""
    if not raw or len(raw) > 200:
        return None
    record = (
        ApiToken.objects.select_related("member__user", "member__workspace")
        .filter(token_hash=token_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if record is None:
        return None
    member = record.member
    if not member.user.is_active or member.workspace_id != record.workspace_id:
        return None
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return member
