"""The shared shape of "change some fields of a record": lock it, merge, check, save, record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from .errors import DomainError
from .events import event_record, snapshot


def locked_with_changes(
    model: type[models.Model],
    pk: int,
    *,
    allowed: Iterable[str],
    changes: dict[str, Any],
    select_related: Iterable[str] = (),
) -> tuple[models.Model, dict[str, Any]]:
    """The row locked for update and the values it would have after ``changes`` (not applied yet)."""
    allowed = tuple(allowed)
    unknown = set(changes) - set(allowed)
    if unknown:
        raise DomainError(f"Cannot change {', '.join(sorted(unknown))}.")
    queryset = model.objects.select_for_update(of=("self",))
    if select_related:
        queryset = queryset.select_related(*select_related)
    current = queryset.get(pk=pk)
    values = {name: getattr(current, name) for name in allowed}
    values.update(changes)
    return current, values


def save_with_event(
    current: models.Model, values: dict[str, Any], *, workspace, actor, verb: str
) -> models.Model:
    """Apply checked values and record the change with the state before and after."""
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    event_record(
        workspace=workspace,
        actor=actor,
        verb=verb,
        target=current,
        before=before,
        after=snapshot(current),
    )
    return current
