"""The health signals: each one a small function registered with ``@signal``.

A signal looks at every project of the recomputation at once (a fixed number of queries, never
one per project) and returns, for the projects where it fires, a ``Finding``: how strongly it
fires (0 to 1), the numbers behind it and the records that prove it. The score of a project is
100 minus the weighted strengths, so adding a signal is one decorated function.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise

from accord.workspaces.calendar import WorkCalendar


class Side:
    """Whose move a signal is about: shown apart on the health panel."""

    OURS = "ours"  # what we owe the client
    CLIENT = "client"  # what the client owes us
    SHARED = "shared"  # the relationship itself (tone, cases, feedback)


SIDES = (Side.OURS, Side.CLIENT, Side.SHARED)


@dataclass(frozen=True)
class Evidence:
    """A record behind a finding. ``kind`` and ``args`` let the page re-word it per viewer."""

    text: str
    url: str
    kind: str = ""
    args: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "url": self.url}
        if self.kind:
            data["kind"], data["args"] = self.kind, self.args
        return data


@dataclass
class Finding:
    strength: float
    params: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class SignalContext:
    """What every signal of one recomputation shares: the projects, today and loaded rows."""

    projects: list
    today: datetime.date
    now: datetime.datetime
    _cache: dict[str, Any] = field(default_factory=dict)
    _calendars: dict[int, WorkCalendar] = field(default_factory=dict)

    @property
    def project_ids(self) -> list[int]:
        return [project.pk for project in self.projects]

    def scope(self, prefix: str = "project") -> Q:
        """Rows of the projects being recomputed (by workspace when it is all of them)."""
        workspace_ids = self._cache.get("_workspace_ids")
        if workspace_ids is not None:
            return Q(**{f"{prefix}__workspace_id__in": workspace_ids})
        return Q(**{f"{prefix}_id__in": self.project_ids})

    def whole_workspaces(self, workspace_ids: list[int]) -> None:
        self._cache["_workspace_ids"] = workspace_ids

    def cached(self, key: str, loader: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]

    def calendar(self, project) -> WorkCalendar:
        if project.workspace_id not in self._calendars:
            self._calendars[project.workspace_id] = WorkCalendar.for_workspace(project.workspace)
        return self._calendars[project.workspace_id]


SignalFunction = Callable[[SignalContext], dict[int, Finding]]


@dataclass(frozen=True)
class SignalSpec:
    id: str
    weight: int
    side: str
    label: str | Promise
    summary: str | Promise  # "%(name)s" placeholders filled from the finding's params
    function: SignalFunction


SIGNALS: dict[str, SignalSpec] = {}


def signal(
    signal_id: str, *, weight: int, side: str, label: str | Promise, summary: str | Promise
) -> Callable[[SignalFunction], SignalFunction]:
    """Register a health signal; ``weight`` is the most points it can take off the score."""
    if side not in SIDES:
        raise ValueError(f"unknown side {side!r}")

    def register(function: SignalFunction) -> SignalFunction:
        SIGNALS[signal_id] = SignalSpec(signal_id, weight, side, label, summary, function)
        return function

    return register


_PLACEHOLDER = 918273645


@functools.cache
def _url_template(name: str) -> str:
    return reverse(name, args=[_PLACEHOLDER])


def record_url(name: str, pk: int, anchor: str = "") -> str:
    """``reverse(name, args=[pk])`` without resolving the pattern again for every record."""
    url = _url_template(name).replace(str(_PLACEHOLDER), str(pk))
    return f"{url}#{anchor}" if anchor else url


def clamp(value: float) -> float:
    return max(0.0, min(1.0, float(value)))
