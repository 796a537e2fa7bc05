"""``/health/`` for load balancers and monitors: database, task queue, last periodic run."""

from __future__ import annotations

import os

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def _queue() -> dict:
    from huey.contrib.djhuey import HUEY

    backend = HUEY.storage.__class__.__name__.removesuffix("Storage").lower()
    try:
        pending = HUEY.pending_count()
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return {"ok": False, "backend": backend, "error": error.__class__.__name__}
    return {"ok": True, "backend": backend, "pending": pending}


def _periodic() -> dict:
    """The last sweep of the task consumer; stale when older than ACCORD_HEALTH_PERIODIC_MAX_AGE."""
    from .heartbeat import heartbeat_last

    max_age = float(os.environ.get("ACCORD_HEALTH_PERIODIC_MAX_AGE", "600"))
    try:
        last = heartbeat_last()
    except Exception as error:  # noqa: BLE001 - the database check reports the cause
        return {"ok": False, "error": error.__class__.__name__}
    if last is None:
        # A consumer that never ran yet (a fresh install): unknown, not a failure.
        return {"ok": True, "last_run": None}
    age = (timezone.now() - last).total_seconds()
    return {"ok": age <= max_age, "last_run": last.isoformat(), "age_seconds": round(age)}


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "queue": _queue()}
    checks["periodic"] = _periodic() if checks["database"]["ok"] else {"ok": False}
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if ok else "fail", **checks}, status=200 if ok else 503)
