"""Demo health: scores for every project, with eight weeks of history so the trend shows."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .models import ProjectHealthSnapshot
from .services import health_recompute


def demo_load(workspace) -> None:
    now = timezone.now()
    # Changes made by the other demo parts already computed today's scores; the history is ours.
    if ProjectHealthSnapshot.objects.filter(
        workspace=workspace, day__lt=timezone.localdate(now)
    ).exists():
        return
    # Recomputed as of earlier days: the records that existed then give the earlier points.
    for weeks in range(8, 0, -1):
        health_recompute(workspace=workspace, now=now - datetime.timedelta(weeks=weeks))
    health_recompute(workspace=workspace, now=now)
