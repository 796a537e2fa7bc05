"""Charts drawn on the server as SVG (matplotlib, no GUI backend), worded in the viewer's language.

Each chart function takes plain data and returns SVG text; the data readers live next to them
so pages, reports and PDFs draw the same picture. Text stays text in the SVG (not paths) so it is
searchable, readable by screen readers and checked by the tests; every series carries an id
(``series-<name>``). Results are cached by their inputs.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

from django.core.cache import caches  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

CACHE_SECONDS = 3600
COLORS = {
    "health": "#2563eb",
    "negative": "#dc2626",
    "neutral": "#9ca3af",
    "positive": "#16a34a",
    "planned": "#6b7280",
    "forecast": "#f59e0b",
    "done": "#16a34a",
    "ours": "#2563eb",
    "client": "#9333ea",
    "late": "#f59e0b",
    "overdue": "#dc2626",
}


def _figure(width: float = 6.4, height: float = 2.8) -> Figure:
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "accord"  # stable ids: same input, same SVG
    figure = Figure(figsize=(width, height), dpi=100)
    FigureCanvasSVG(figure)
    return figure


def _svg(figure: Figure, title: str) -> str:
    figure.suptitle(title, fontsize=11, x=0.01, ha="left")
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
    text = buffer.getvalue()
    # The figure's own size makes it overflow small screens; let the page scale it.
    return text[text.index("<svg") :]


def _cached(name: str, language: str, data, draw: Callable[[], str]) -> str:
    digest = hashlib.sha256(
        json.dumps([name, language, data], default=str, sort_keys=True).encode()
    ).hexdigest()
    key = f"accord:chart:{digest}"
    cache = caches["charts"]
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def _series(container, name: str) -> None:
    """Name a series in the SVG: one id per line, or ``series-<name>-<n>`` per bar."""
    if hasattr(container, "set_gid"):
        container.set_gid(f"series-{name}")
        return
    for index, patch in enumerate(container):
        patch.set_gid(f"series-{name}-{index}")


def _date_axis(axes, days: list | None = None) -> None:
    """Dates on the x axis in the active language ("3 дек", "3 gru", "3 Dec")."""
    from django.utils import dateformat
    from matplotlib.dates import AutoDateLocator, num2date
    from matplotlib.ticker import FuncFormatter

    if days and min(days) == max(days):
        # One day only: give the axis some width so the ticks can be placed.
        axes.set_xlim(
            min(days) - datetime.timedelta(days=3), max(days) + datetime.timedelta(days=3)
        )
    locator = AutoDateLocator(minticks=2, maxticks=6)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _position: dateformat.format(num2date(value).date(), "j M"))
    )


def _integer_axis(axis) -> None:
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _empty(axes, text: str) -> None:
    axes.text(0.5, 0.5, text, ha="center", va="center", transform=axes.transAxes, color="#6b7280")
    axes.set_xticks([])
    axes.set_yticks([])


def health_chart(points: list[tuple[datetime.date, int]], *, language: str) -> str:
    """Health score over time (0-100) with the bands shaded."""

    def draw() -> str:
        with translation.override(language):
            figure = _figure()
            axes = figure.add_subplot()
            axes.axhspan(0, 50, color="#fee2e2", zorder=0)
            axes.axhspan(50, 75, color="#fef3c7", zorder=0)
            axes.axhspan(75, 100, color="#dcfce7", zorder=0)
            if points:
                days = [day for day, _score in points]
                (line,) = axes.plot(
                    days,
                    [score for _day, score in points],
                    marker="o",
                    markersize=3,
                    color=COLORS["health"],
                    label=_("Health score"),
                )
                _series(line, "health")
                _date_axis(axes, days)
                axes.legend(loc="lower left", fontsize=8)
            else:
                axes.text(0.5, 0.5, _("No history yet"), ha="center", transform=axes.transAxes)
            axes.set_ylim(0, 100)
            axes.set_ylabel(_("Score"))
            axes.set_xlabel(_("Date"))
            return _svg(figure, _("Health over time"))

    return _cached("health", language, points, draw)


def tone_chart(weeks: list[tuple[datetime.date, dict[str, int]]], *, language: str) -> str:
    """Client messages per week by tone, stacked."""

    def draw() -> str:
        with translation.override(language):
            figure = _figure()
            axes = figure.add_subplot()
            labels = {
                "negative": _("Negative"),
                "neutral": _("Neutral"),
                "positive": _("Positive"),
            }
            if weeks:
                days = [week for week, _counts in weeks]
                bottom = [0] * len(weeks)
                for tone in ("negative", "neutral", "positive"):
                    values = [counts.get(tone, 0) for _week, counts in weeks]
                    bars = axes.bar(
                        days,
                        values,
                        width=5,
                        bottom=bottom,
                        color=COLORS[tone],
                        label=labels[tone],
                    )
                    _series(bars, tone)
                    bottom = [a + b for a, b in zip(bottom, values, strict=True)]
                _date_axis(axes, days)
                axes.legend(loc="upper left", fontsize=8)
            else:
                _empty(axes, _("No client messages yet"))
            _integer_axis(axes.yaxis)
            axes.set_ylabel(_("Messages"))
            axes.set_xlabel(_("Week"))
            return _svg(figure, _("Tone of client messages"))

    return _cached("tone", language, weeks, draw)


def milestones_chart(rows: list[dict], *, language: str, today: datetime.date) -> str:
    """A timeline: one row per milestone with its planned, forecast and done dates."""

    def draw() -> str:
        with translation.override(language):
            figure = _figure(height=max(2.2, 0.9 + 0.35 * len(rows)))
            axes = figure.add_subplot()
            if rows:
                positions = list(range(len(rows)))[::-1]
                series = (
                    ("planned", "o", _("Planned")),
                    ("forecast", "D", _("Forecast")),
                    ("done", "s", _("Done")),
                )
                for key, marker, label in series:
                    xs = [row[key] for row in rows if row.get(key)]
                    ys = [pos for pos, row in zip(positions, rows, strict=True) if row.get(key)]
                    if not xs:
                        continue
                    line = axes.scatter(
                        xs, ys, marker=marker, s=36, color=COLORS[key], label=label, zorder=3
                    )
                    _series(line, key)
                for pos, row in zip(positions, rows, strict=True):
                    end = row.get("done") or row.get("forecast") or row["planned"]
                    axes.plot(
                        [row["planned"], end], [pos, pos], color="#d1d5db", linewidth=2, zorder=1
                    )
                axes.axvline(today, color="#111827", linestyle=":", linewidth=1, label=_("Today"))
                axes.set_yticks(positions, [row["name"][:28] for row in rows], fontsize=8)
                _date_axis(
                    axes,
                    [today]
                    + [
                        row[key]
                        for row in rows
                        for key in ("planned", "forecast", "done")
                        if row.get(key)
                    ],
                )
                axes.legend(loc="upper center", fontsize=8, ncol=4, bbox_to_anchor=(0.5, -0.45))
            else:
                _empty(axes, _("No milestones yet"))
            axes.set_xlabel(_("Date"))
            return _svg(figure, _("Milestones: planned, forecast and done"))

    return _cached("milestones", language, [rows, today], draw)


def commitments_chart(counts: dict[str, dict[str, int]], *, language: str) -> str:
    """Both sides' commitments: done on time, done late, overdue, still open (not due yet)."""

    def draw() -> str:
        with translation.override(language):
            figure = _figure()
            axes = figure.add_subplot()
            sides = [("ours", _("Our team")), ("client", _("Client"))]
            kinds = [
                ("on_time", _("Done on time"), COLORS["done"]),
                ("late", _("Done late"), COLORS["late"]),
                ("overdue", _("Overdue"), COLORS["overdue"]),
                ("open", _("Open, not due yet"), COLORS["neutral"]),
            ]
            left = [0, 0]
            for key, label, color in kinds:
                values = [counts.get(side, {}).get(key, 0) for side, _label in sides]
                bars = axes.barh(
                    [label for _side, label in sides], values, left=left, color=color, label=label
                )
                _series(bars, key)
                left = [a + b for a, b in zip(left, values, strict=True)]
            _integer_axis(axes.xaxis)
            axes.set_xlabel(_("Commitments"))
            axes.legend(loc="upper center", fontsize=8, ncol=4, bbox_to_anchor=(0.5, -0.3))
            return _svg(figure, _("Commitments of both sides done on time"))

    return _cached("commitments", language, counts, draw)


# Readers: the data each chart draws, in a fixed number of queries.


def health_points(project, *, days: int = 180) -> list[tuple[datetime.date, int]]:
    from accord.health.selectors import project_health_history

    return project_health_history(project, days=days)


def workspace_health_points(*, workspace, days: int = 180) -> list[tuple]:
    """The mean project score of the workspace per day."""
    from django.db.models import Avg

    from accord.health.models import ProjectHealthSnapshot

    rows = (
        ProjectHealthSnapshot.objects.filter(workspace=workspace)
        .values("day")
        .annotate(score=Avg("score"))
        .order_by("-day")
        .values_list("day", "score")[:days]
    )
    return [(day, round(score)) for day, score in rows][::-1]


def tone_weeks(project, *, weeks: int = 12) -> list[tuple[datetime.date, dict[str, int]]]:
    return _tone_weeks({"interaction__project": project}, weeks=weeks)


def workspace_tone_weeks(*, workspace, weeks: int = 12) -> list[tuple]:
    return _tone_weeks({"workspace": workspace}, weeks=weeks)


def _tone_weeks(scope: dict, *, weeks: int) -> list[tuple[datetime.date, dict[str, int]]]:
    from accord.triage.models import TriageResult

    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday() + 7 * (weeks - 1))
    counts: dict[datetime.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = TriageResult.objects.filter(
        **scope,
        interaction__direction="in",
        interaction__occurred_at__gte=timezone.make_aware(
            datetime.datetime.combine(start, datetime.time())
        ),
    ).values_list("interaction__occurred_at", "tone")
    for occurred_at, tone in rows:
        day = timezone.localtime(occurred_at).date()
        counts[day - datetime.timedelta(days=day.weekday())][tone] += 1
    if not counts:
        return []
    mondays = [start + datetime.timedelta(weeks=index) for index in range(weeks)]
    return [(monday, dict(counts.get(monday, {}))) for monday in mondays]


def milestone_rows(project) -> list[dict]:
    return [
        {
            "name": milestone.name,
            "planned": milestone.planned_date,
            "forecast": milestone.forecast_date,
            "done": milestone.done_date,
        }
        for milestone in project.milestones.order_by("planned_date", "position", "id")
    ]


def commitment_counts(project, *, today: datetime.date | None = None) -> dict[str, dict[str, int]]:
    from accord.agreements.models import Commitment

    today = today or timezone.localdate()
    counts: dict[str, dict[str, int]] = {"ours": defaultdict(int), "client": defaultdict(int)}
    for side, status, due, done_at in Commitment.objects.filter(project=project).values_list(
        "side", "status", "due_date", "done_at"
    ):
        if status == "cancelled":
            continue
        if status == "done":
            done_day = timezone.localtime(done_at).date() if done_at else due
            counts[side]["on_time" if done_day <= due else "late"] += 1
        else:
            counts[side]["overdue" if due < today else "open"] += 1
    return {side: dict(values) for side, values in counts.items()}


def project_chart(project, name: str, *, language: str) -> str | None:
    """One of the project charts by name; None for an unknown name."""
    today = timezone.localdate()
    if name == "health":
        return health_chart(health_points(project), language=language)
    if name == "tone":
        return tone_chart(tone_weeks(project), language=language)
    if name == "milestones":
        return milestones_chart(milestone_rows(project), language=language, today=today)
    if name == "commitments":
        return commitments_chart(commitment_counts(project, today=today), language=language)
    return None


def workspace_chart(workspace, name: str, *, language: str) -> str | None:
    if name == "health":
        return health_chart(workspace_health_points(workspace=workspace), language=language)
    if name == "tone":
        return tone_chart(workspace_tone_weeks(workspace=workspace), language=language)
    return None
