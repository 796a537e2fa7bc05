"""Discovery of per-app contributions (problems, project panels) without a central list.

An app contributes by defining a module with a known name, for example ``<app>/problems.py``
with ``project_problems(projects) -> dict[project_id, list[Problem]]`` or ``<app>/panels.py``
with ``project_panels(request, project) -> list[Panel]``, or ``<app>/dashboard.py`` with
``dashboard_panels(request) -> list[Panel]``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Problem:
    """Something on a project that needs attention, shown on the dashboard and project page."""

    kind: str
    text: str
    severity: str = "warn"  # "warn" or "bad"
    url: str = ""
    # Orders problems of the same severity: higher first (a critical case before a high one).
    rank: int = 0


def problem_order(problem: Problem) -> tuple[int, int]:
    return (0 if problem.severity == "bad" else 1, -problem.rank)


@dataclass
class Panel:
    """A section of the project page rendered from ``template`` with ``context``.

    A panel with ``deferred`` set (the key of one of its app's ``deferred_panels()``) is not
    rendered with the page: the page shows a placeholder that loads it from its own address
    (``projects:panel``). Apps defer the panels whose rows the project has, so that the page runs
    the same queries however many of its optional panels have something to list.
    """

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    deferred: str = ""


@cache
def app_modules(suffix: str) -> tuple:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("accord."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.{suffix}"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{suffix}":
                raise
    return tuple(modules)


def _contributions(kind: str, attribute: str, **arguments):
    """What each app's ``<app>/<kind>.py`` returns from ``attribute(**arguments)``, for those
    that define it."""
    for module in app_modules(kind):
        contribute = getattr(module, attribute, None)
        if contribute is not None:
            yield contribute(**arguments)


def _merged_dict(kind: str, attribute: str) -> dict:
    found: dict = {}
    for part in _contributions(kind, attribute):
        found.update(part)
    return found


def _merged_list(kind: str, attribute: str, **arguments) -> list:
    return [entry for part in _contributions(kind, attribute, **arguments) for entry in part]


def collect_project_problems(projects: list) -> dict[int, list[Problem]]:
    """Problems of each project from every app, the most severe first; each app runs a fixed
    number of queries."""
    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    if not projects:
        return result
    for module in app_modules("problems"):
        for project_id, problems in module.project_problems(projects).items():
            result.setdefault(project_id, []).extend(problems)
    for problems in result.values():
        problems.sort(key=problem_order)  # stable: each app's own order stays within a rank
    return result


def collect_project_annotations() -> dict:
    """Per-project values the apps' problems read from the project rows themselves
    (``<app>/problems.py`` may define ``project_annotations() -> dict[str, expression]``, each a
    correlated subquery): a page of projects gets them in its own query, computed for the rows
    of the page only."""
    return _merged_dict("problems", "project_annotations")


def annotated(instances: list, name: str) -> dict | None:
    """The value ``name`` of each instance when every one was loaded with the apps' project
    annotations (see ``collect_project_annotations``), else None and the caller queries."""
    if not instances or not all(hasattr(instance, name) for instance in instances):
        return None
    return {instance.pk: getattr(instance, name) for instance in instances}


def collect_project_panels(request, project) -> list[Panel]:
    panels: list[Panel] = []
    for module in app_modules("panels"):
        panels.extend(module.project_panels(request, project))
    return sorted(panels, key=lambda panel: panel.order)


def collect_deferred_panel(request, project, key: str) -> Panel | None:
    """The panel ``key`` built on its own (``<app>/panels.py`` may define
    ``deferred_panels() -> dict[key, builder(request, project) -> Panel]``), or None."""
    for builders in _contributions("panels", "deferred_panels"):
        if key in builders:
            return builders[key](request, project)
    return None


def defer_when(panel: Panel, key: str, *found: bool) -> Panel:
    """``panel`` deferred as ``key`` when any of ``found`` (its ``has_rows`` readings) is true:
    an empty panel renders with the page, it costs no query."""
    if any(found):
        panel.deferred = key
    return panel


def collect_project_prefetches(project_id: int) -> list:
    """``Prefetch`` objects the apps' panels want loaded with the project of the project page
    (``<app>/panels.py`` may define ``project_prefetches(project_id) -> list[Prefetch]``), so that
    one query serves an app's problems and its panel. The project's id is known before it is
    loaded: a subquery of "the project's latest rows" can name it instead of correlating with
    each row (PostgreSQL ran such a subquery once per candidate row)."""
    return _merged_list("panels", "project_prefetches", project_id=project_id)


def collect_project_page_annotations() -> dict:
    """Values the apps' panels want annotated on the project page's project
    (``<app>/panels.py`` may define ``project_page_annotations() -> dict[str, expression]``), for
    example whether the project has any rows of a panel's table, so that a panel with nothing to
    list skips its query."""
    return _merged_dict("panels", "project_page_annotations")


def has_rows(instance, name: str) -> bool:
    """False when the project page annotated ``name`` on the project and it found no rows (the
    caller skips its query); True when it found some or did not annotate it."""
    return bool(getattr(instance, name, True))


def collect_project_joins() -> list[str]:
    """One-to-one relations of the project the apps' panels want joined to the project page's
    project (``<app>/panels.py`` may define ``project_joins() -> list[str]``)."""
    return _merged_list("panels", "project_joins")


NOT_JOINED = object()


def joined(instance, name: str):
    """The one-to-one relation ``name`` as ``select_related`` loaded it (None when the row does
    not exist), or ``NOT_JOINED`` when it was not joined and the caller queries."""
    return instance._state.fields_cache.get(name, NOT_JOINED)


def collect_dashboard_panels(request) -> list[Panel]:
    panels: list[Panel] = []
    for module in app_modules("dashboard"):
        panels.extend(module.dashboard_panels(request))
    return sorted(panels, key=lambda panel: panel.order)


def prefetched(instances: list, name: str) -> dict[int, list] | None:
    """The ``name`` rows of each instance when every one was loaded with
    ``prefetch_related(name)`` (the project page loads milestones and commitments once and every
    app's problems and panels read them), else None and the caller queries."""
    if not instances:
        return None
    found: dict[int, list] = {}
    for instance in instances:
        cache = getattr(instance, "_prefetched_objects_cache", {})
        if name not in cache:
            return None
        found[instance.pk] = list(cache[name])
    return found
