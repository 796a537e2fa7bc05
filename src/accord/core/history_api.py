"""The audit history of a record as the API answers it: one schema and one serialiser for every
app's `/history` endpoint (the page shows the same entries through `history_for`)."""

import datetime
from typing import Any

from ninja import Schema

from .history import record_history


class ChangeOut(Schema):
    field: str
    before: Any = None
    after: Any = None


class HistoryOut(Schema):
    verb: str
    actor: str
    created_at: datetime.datetime
    changes: list[ChangeOut]


def history_out(record) -> list[dict]:
    """``record``'s history, oldest first, shaped for ``HistoryOut``."""
    return [
        {
            "verb": entry.event.verb,
            "actor": entry.actor,
            "created_at": entry.event.created_at,
            "changes": [
                {"field": name, "before": before, "after": after}
                for name, before, after in entry.changes
            ],
        }
        for entry in record_history(record)
    ]
