"""Deleting a record: checked, recorded in the audit log, refused while others depend on it."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

from .errors import DomainError
from .events import event_record, snapshot


@transaction.atomic
def record_delete(
    *, instance: models.Model, workspace, actor, blockers: dict[str, models.QuerySet] | None = None
) -> None:
    """Delete ``instance`` with an audit event; DomainError (409) while ``blockers`` have rows.

    ``blockers`` maps a readable name ("projects") to the dependent records that must be
    removed first, so that deleting one thing never silently deletes a client's history.
    """
    for name, queryset in (blockers or {}).items():
        if queryset.exists():
            raise DomainError(
                f"Remove its {name} first; they depend on it.", field="", code="conflict"
            )
    label = instance._meta.label_lower
    before = snapshot(instance)
    try:
        instance.delete()
    except (ProtectedError, RestrictedError) as error:
        raise DomainError("Other records depend on it.", code="conflict") from error
    event_record(
        workspace=workspace, actor=actor, verb=f"{label.split('.')[-1]}.deleted", before=before
    )
