"""What makes a project's health stale: a write to one of the records its signals read.

Receivers only queue a recomputation after the commit (no domain logic here); the task reads
the records again, so a rolled-back change never counts.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _project_id_of(instance) -> int | None:
    for path in ("project_id", "interaction.project_id", "survey.project_id", "meeting.project_id"):
        target = instance
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if isinstance(target, int):
            return target
    return None


def _queue(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    project_id = _project_id_of(instance)
    if project_id is None:
        return
    from .tasks import health_recompute_soon

    transaction.on_commit(lambda: health_recompute_soon(project_id))


WATCHED = (
    "communications.Interaction",
    "triage.TriageResult",
    "situations.Case",
    "agreements.Agreement",
    "agreements.Commitment",
    "projects.Milestone",
    "projects.Contract",
    "meetings.Meeting",
    "feedback.SurveyResponse",
)


def connect() -> None:
    from django.apps import apps

    for label in WATCHED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_queue, sender=model, dispatch_uid=f"health-{label}")
        post_delete.connect(_queue, sender=model, dispatch_uid=f"health-delete-{label}")


connect()
