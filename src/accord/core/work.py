"""Durable background work: the state lives on the row, not only in the task queue.

A row that needs work (a message to triage, an e-mail to send, a reminder, a webhook) carries a
state: *pending* until a worker claims it, *running* while one works on it, then *done* or
*failed* with the reason. A worker claims rows with one ``UPDATE … WHERE state = pending`` that
stamps its own claim token, so two workers (threads, processes, machines) never get the same row;
it finishes a row only while its claim still holds, so a row that was taken over after a crash
is never finished twice. A claim older than the stale timeout (the worker died: kill -9, power
loss) is pending again. Queue messages therefore carry only ids and are safe to repeat or lose:
the periodic sweep finds whatever is still pending.

Models either inherit :class:`DurableWork` (fields ``work_*``) or declare the same fields with
their own prefix (``triage_state``, ``triage_attempts`` …) and pass it to :class:`WorkQueue`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkState(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def stale_after_default() -> timedelta:
    """How long a claim holds before the row counts as abandoned (ACCORD_WORK_STALE_SECONDS)."""
    return timedelta(seconds=float(os.environ.get("ACCORD_WORK_STALE_SECONDS", "300")))


def backoff_default(attempts: int) -> float:
    """Seconds before the next try: 30 s, 1, 2, 4 … minutes, at most an hour."""
    return float(min(3600, 30 * 2 ** max(0, attempts - 1)))


class DurableWork(models.Model):
    """State of one unit of background work; see :class:`WorkQueue`."""

    work_state = models.CharField(
        _("state"), max_length=10, choices=WorkState.choices, default=WorkState.PENDING
    )
    work_attempts = models.PositiveIntegerField(_("attempts"), default=0)
    work_due_at = models.DateTimeField(_("next try"), null=True, blank=True)
    work_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    work_claim = models.CharField(max_length=32, blank=True, editable=False)
    work_error = models.TextField(_("reason"), blank=True)
    work_done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Claim:
    """The rows one worker holds, and the token that proves it."""

    token: str
    ids: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.ids)


@dataclass(frozen=True)
class WorkQueue:
    """Claim, finish and fail rows of ``model`` whose work fields start with ``prefix``."""

    model: type[models.Model]
    prefix: str = "work_"
    max_attempts: Callable[[], int] = lambda: 5
    backoff: Callable[[int], float] = backoff_default
    stale_after: Callable[[], timedelta] = stale_after_default

    def _f(self, name: str) -> str:
        return self.prefix + name

    def due(self, now=None) -> Q:
        """Rows a worker may claim now: pending and due, or running with an abandoned claim."""
        now = now or timezone.now()
        pending = Q(**{self._f("state"): WorkState.PENDING}) & (
            Q(**{self._f("due_at") + "__isnull": True}) | Q(**{self._f("due_at") + "__lte": now})
        )
        abandoned = Q(**{self._f("state"): WorkState.RUNNING}) & (
            Q(**{self._f("claimed_at") + "__lt": now - self.stale_after()})
            | Q(**{self._f("claimed_at") + "__isnull": True})
        )
        return pending | abandoned

    def claim(
        self,
        *,
        ids: Iterable[int] | None = None,
        queryset: models.QuerySet | None = None,
        limit: int = 200,
        ignore_due_at: bool = False,
    ) -> Claim:
        """Take up to ``limit`` claimable rows (of ``ids`` / ``queryset`` when given)."""
        now = timezone.now()
        condition = self.due(now)
        if ignore_due_at:
            condition |= Q(**{self._f("state"): WorkState.PENDING})
        rows = queryset if queryset is not None else self.model._default_manager.all()
        rows = rows.filter(condition)
        if ids is not None:
            rows = rows.filter(pk__in=list(ids))
        candidates = list(rows.order_by("pk").values_list("pk", flat=True)[:limit])
        token = secrets.token_hex(16)
        if not candidates:
            return Claim(token)
        # The state condition is checked again by the UPDATE itself (row by row, under the row
        # lock), so a row another worker claimed in between is left alone.
        self.model._default_manager.filter(condition, pk__in=candidates).update(
            **{
                self._f("state"): WorkState.RUNNING,
                self._f("claimed_at"): now,
                self._f("claim"): token,
                self._f("attempts"): F(self._f("attempts")) + 1,
            }
        )
        claimed = self.model._default_manager.filter(
            pk__in=candidates, **{self._f("claim"): token, self._f("state"): WorkState.RUNNING}
        ).values_list("pk", flat=True)
        return Claim(token, sorted(claimed))

    def _held(self, pk: int, token: str) -> models.QuerySet:
        return self.model._default_manager.filter(
            pk=pk, **{self._f("claim"): token, self._f("state"): WorkState.RUNNING}
        )

    def finish(self, pk: int, token: str, **values) -> bool:
        """Mark done while the claim holds; False when another worker took the row over.

        Call it inside the transaction that writes the work's result: when it returns False,
        don't write (the row is someone else's now), and the result is written exactly once.
        """
        return (
            self._held(pk, token).update(
                **{
                    self._f("state"): WorkState.DONE,
                    self._f("done_at"): timezone.now(),
                    self._f("error"): "",
                    self._f("claim"): "",
                    self._f("due_at"): None,
                },
                **values,
            )
            == 1
        )

    def fail(self, pk: int, token: str, reason: str, *, retry: bool = True, **values) -> str:
        """Record the reason; pending again after a backoff while attempts remain, else failed.

        Returns the new state ("" when the claim no longer holds).
        """
        attempts = self._held(pk, token).values_list(self._f("attempts"), flat=True).first()
        if attempts is None:
            return ""
        if retry and attempts < self.max_attempts():
            state = WorkState.PENDING
            due = timezone.now() + timedelta(seconds=self.backoff(attempts))
        else:
            state = WorkState.FAILED
            due = None
        self._held(pk, token).update(
            **{
                self._f("state"): state,
                self._f("error"): (reason or "")[:2000],
                self._f("claim"): "",
                self._f("due_at"): due,
            },
            **values,
        )
        return state

    def release(self, pk: int, token: str) -> bool:
        """Give a claimed row back untouched (e.g. the worker is shutting down)."""
        return (
            self._held(pk, token).update(
                **{
                    self._f("state"): WorkState.PENDING,
                    self._f("claim"): "",
                    self._f("attempts"): F(self._f("attempts")) - 1,
                }
            )
            == 1
        )

    def requeue(self, queryset: models.QuerySet) -> int:
        """Make rows pending again now (a person asked to retry, or the model changed)."""
        return queryset.exclude(**{self._f("state"): WorkState.RUNNING}).update(
            **{
                self._f("state"): WorkState.PENDING,
                self._f("due_at"): None,
                self._f("attempts"): 0,
                self._f("claim"): "",
            }
        )

    def counts(self, queryset: models.QuerySet | None = None) -> dict[str, int]:
        rows = queryset if queryset is not None else self.model._default_manager.all()
        found = dict(rows.values_list(self._f("state")).annotate(n=models.Count("pk")).order_by())
        return {state: found.get(state, 0) for state in WorkState.values}


# Sweeps: each app registers a function that picks up its pending or abandoned work; the task
# consumer runs them every minute and shortly after it starts (see accord.core.tasks).
_SWEEPS: dict[str, Callable[[], object]] = {}


def sweep_register(name: str, sweep: Callable[[], object]) -> None:
    """Register (or replace) a sweep; call it from an AppConfig.ready()."""
    _SWEEPS[name] = sweep


def sweeps_run(names: Iterable[str] | None = None) -> dict[str, str]:
    """Run the registered sweeps; one that fails is logged and never stops the others."""
    import logging

    from .heartbeat import heartbeat_record

    logger = logging.getLogger("accord.work")
    outcome: dict[str, str] = {}
    for name, sweep in list(_SWEEPS.items()):
        if names is not None and name not in names:
            continue
        try:
            result = sweep()
            outcome[name] = f"ok {result}" if result is not None else "ok"
        except Exception as error:  # noqa: BLE001 - reported, the next sweep tries again
            logger.exception("sweep %s failed", name)
            outcome[name] = f"failed: {error.__class__.__name__}: {error}"
    heartbeat_record("work_sweep")
    return outcome
