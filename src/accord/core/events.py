"""Recording events: every service that changes a record of evidence calls ``event_record``."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from .models import Event


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``instance`` as JSON-safe data."""
    names = fields or [
        field.attname
        for field in instance._meta.concrete_fields
        if field.name not in {"created_at", "updated_at"}
    ]
    return {name: _plain(getattr(instance, name)) for name in names}


def acting_user(actor):
    """The user behind an action, or None for tasks, the CLI and anonymous client links."""
    return actor if getattr(actor, "is_authenticated", False) else None


def event_record(
    *,
    workspace,
    actor=None,
    verb: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> Event:
    """Store one audit event; call it inside the same transaction as the change."""
    return Event.objects.create(
        workspace=workspace,
        actor=acting_user(actor),
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        before=_plain(before or {}),
        after=_plain(after or {}),
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {key: after[key] for key in after if before.get(key) != after[key]}
