"""Events from the records of other apps, raised where the record is saved (same transaction).

``invoice.overdue`` and ``health.changed`` are raised by their apps with ``webhook_emit``.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from accord.changes.models import ChangeRequest
from accord.communications.models import Interaction
from accord.situations.models import Case

from .models import Event
from .services import webhook_emit


def _project(project) -> dict | None:
    if project is None:
        return None
    return {"id": project.pk, "name": project.name, "client_id": project.client_id}


@receiver(post_save, sender=Interaction, dispatch_uid="webhooks.interaction_received")
def interaction_received(sender, instance: Interaction, created, raw=False, **kwargs):
    if raw or not created or instance.direction != Interaction.Direction.INBOUND:
        return
    webhook_emit(
        instance.workspace,
        Event.INTERACTION_RECEIVED,
        {
            "interaction": {
                "id": instance.pk,
                "channel": instance.channel,
                "occurred_at": instance.occurred_at,
                "subject": instance.subject,
                "sender_address": instance.sender_address,
                "sender_contact_id": instance.sender_contact_id,
                "text": instance.body_text,
                "language": instance.language,
            },
            "project": _project(instance.project),
            "client_id": instance.client_id,
        },
    )


def _remember_status(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._webhook_status_before = None
        return
    instance._webhook_status_before = (
        sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


pre_save.connect(_remember_status, sender=Case, dispatch_uid="webhooks.case_status")
pre_save.connect(_remember_status, sender=ChangeRequest, dispatch_uid="webhooks.cr_status")


def _case_payload(case: Case) -> dict:
    return {
        "case": {
            "id": case.pk,
            "situation": case.situation,
            "severity": case.severity,
            "status": case.status,
            "opened_at": case.opened_at,
            "resolved_at": case.resolved_at,
        },
        "project": _project(case.project),
    }


@receiver(post_save, sender=Case, dispatch_uid="webhooks.case_events")
def case_events(sender, instance: Case, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_webhook_status_before", None)
    if created:
        webhook_emit(instance.workspace, Event.CASE_OPENED, _case_payload(instance))
    elif instance.status == Case.Status.RESOLVED and before != Case.Status.RESOLVED:
        webhook_emit(instance.workspace, Event.CASE_RESOLVED, _case_payload(instance))


@receiver(post_save, sender=ChangeRequest, dispatch_uid="webhooks.change_request_decided")
def change_request_decided(sender, instance: ChangeRequest, created, raw=False, **kwargs):
    decided = {ChangeRequest.Status.APPROVED, ChangeRequest.Status.REJECTED}
    before = getattr(instance, "_webhook_status_before", None)
    if raw or instance.status not in decided or before in decided:
        return
    webhook_emit(
        instance.workspace,
        Event.CHANGE_REQUEST_DECIDED,
        {
            "change_request": {
                "id": instance.pk,
                "number": instance.number,
                "reference": instance.reference,
                "title": instance.title,
                "status": instance.status,
                "decided_at": instance.decided_at,
                "cost": instance.cost,
                "effort_hours": instance.effort_hours,
            },
            "project": _project(instance.project),
        },
    )
