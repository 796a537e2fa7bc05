"""Looking up related records named in a payload, always inside the caller's workspace."""

from __future__ import annotations

from django.db import models

from accord.core.errors import DomainError


def in_workspace(model: type[models.Model], pk, member, *, field: str):
    """The ``model`` row ``pk`` of the member's workspace; 422 naming ``field`` when there is none.

    A payload that names another workspace's record gets the same answer as a made-up id.
    """
    if pk is None:
        return None
    found = model.objects.filter(pk=pk, workspace=member.workspace).first()
    if found is None:
        raise DomainError(f"{field}: no such record in this workspace.", field=field)
    return found
