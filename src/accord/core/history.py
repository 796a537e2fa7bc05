"""The audit history of a record, from the event log every service writes.

Accord keeps one audit log (``core.Event``): each service records who changed what, with the
fields before and after, in the same transaction as the change. A record's history is the events
about it (and, for a versioned agreement, about each of its versions; for a contract, about its
scope items; for an invoice, about the promises to pay found for it), oldest first, with the changed fields worked out from ``before``/``after``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import Event

# Fields that say nothing to a reader of the history.
_HIDDEN = {"id", "workspace_id", "lineage", "updated_at", "created_at", "work_claim"}


@dataclass(frozen=True)
class HistoryEntry:
    event: Event
    changes: list[tuple[str, Any, Any]]  # (field, before, after)

    @property
    def actor(self) -> str:
        return self.event.actor.get_username() if self.event.actor_id else ""


def _targets(record) -> Q:
    from accord.agreements.models import Agreement
    from accord.billing.models import Invoice, PaymentPromise
    from accord.projects.models import Contract

    pairs = [(type(record), [record.pk])]
    if isinstance(record, Agreement):
        pairs = [
            (
                Agreement,
                list(Agreement.objects.filter(lineage=record.lineage).values_list("pk", flat=True)),
            )
        ]
    elif isinstance(record, Contract):
        pairs.append(
            (record.scope_items.model, list(record.scope_items.values_list("pk", flat=True)))
        )
    elif isinstance(record, Invoice):
        # Payments, plans, dunning steps and the case link are recorded on the invoice itself;
        # a promise to pay read from a client message is its own record.
        pairs.append(
            (
                PaymentPromise,
                list(PaymentPromise.objects.filter(invoice=record).values_list("pk", flat=True)),
            )
        )
    condition = Q(pk__in=[])
    for model, ids in pairs:
        condition |= Q(target_type=ContentType.objects.get_for_model(model), target_id__in=ids)
    return condition


def record_history(record) -> list[HistoryEntry]:
    """The audit events about ``record``, oldest first."""
    events = (
        Event.objects.filter(_targets(record), workspace_id=record.workspace_id)
        .select_related("actor")
        .order_by("created_at", "id")
    )
    entries = []
    for event in events:
        before, after = event.before or {}, event.after or {}
        changes = [
            (name, before.get(name), after.get(name))
            for name in sorted(set(before) | set(after))
            if name not in _HIDDEN and before.get(name) != after.get(name) and before
        ]
        entries.append(HistoryEntry(event=event, changes=changes))
    return entries
