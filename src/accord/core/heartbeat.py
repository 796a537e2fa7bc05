"""Periodic tasks note when they ran, so /health/ can tell a stuck consumer from a quiet one."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def heartbeat_record(name: str) -> None:
    from .models import Heartbeat

    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def heartbeat_last() -> datetime | None:
    from .models import Heartbeat

    return Heartbeat.objects.order_by("-at").values_list("at", flat=True).first()
