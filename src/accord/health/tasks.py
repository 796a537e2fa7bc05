"""Health recomputation in the background: debounced per project after a change, daily for all."""

from __future__ import annotations

import time

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

STALE_SECONDS = 600


def _pending_key(project_id: int) -> str:
    return f"accord:health:pending:{project_id}"


def health_recompute_soon(project_id: int) -> None:
    """Queue one recomputation of the project; repeated calls within the delay are merged."""
    key = _pending_key(project_id)
    queued = HUEY.put_if_empty(key, time.time())
    if not queued:
        since = HUEY.get(key, peek=True)
        # A mark older than ten minutes belongs to a task that was lost (consumer stopped).
        if isinstance(since, float) and time.time() - since > STALE_SECONDS:
            HUEY.put(key, time.time())
            queued = True
    if queued:
        delay = int(getattr(settings, "ACCORD_HEALTH_DEBOUNCE_SECONDS", 30))
        if delay > 0:
            health_recompute_project.schedule(args=(project_id,), delay=delay)
        else:
            health_recompute_project(project_id)


@db_task()
def health_recompute_project(project_id: int) -> None:
    from .services import health_recompute

    # Take the mark first: a change arriving during the recomputation queues the next one.
    HUEY.get(_pending_key(project_id), peek=False)
    health_recompute(project_ids=[project_id])


@db_periodic_task(crontab(minute="20", hour="3"))
def health_recompute_daily() -> None:
    """Every workspace once a day, so time-based signals (silence, overdue) move and history grows."""
    from accord.workspaces.models import Workspace

    from .services import health_recompute

    for workspace in Workspace.objects.all():
        health_recompute(workspace=workspace)
