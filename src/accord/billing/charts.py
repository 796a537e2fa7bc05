"""Receivables ageing as an SVG bar chart, rendered on the server with matplotlib."""

from __future__ import annotations

import hashlib
import io
import json
from decimal import Decimal

from django.core.cache import caches
from django.utils.translation import gettext as _

from .money import format_money
from .selectors import BUCKETS


def bucket_labels() -> dict[str, str]:
    return {
        "current": _("Not yet due"),
        "1-30": _("1–30 days"),
        "31-60": _("31–60 days"),
        "61-90": _("61–90 days"),
        "90+": _("over 90 days"),
    }


CACHE_SECONDS = 3600
COLOURS = ["#6a9f6a", "#e0b040", "#e08a30", "#d0602a", "#b03a2e"]


def ageing_chart_cached(*, totals: dict[str, dict[str, Decimal]], language: str) -> str:
    """``ageing_charts_svg`` through the charts cache: the same figures draw once an hour."""
    digest = hashlib.sha256(
        json.dumps(["ageing", language, totals], default=str, sort_keys=True).encode()
    ).hexdigest()
    key = f"accord:chart:{digest}"
    cache = caches["charts"]
    svg = cache.get(key)
    if svg is None:
        svg = ageing_charts_svg(totals=totals, language=language)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def _draw(axes, *, totals: dict[str, Decimal], currency: str, language: str) -> None:
    labels = bucket_labels()
    values = [float(totals.get(bucket, Decimal("0"))) for bucket in BUCKETS]
    bars = axes.bar([labels[bucket] for bucket in BUCKETS], values, color=COLOURS)
    axes.set_title(_("Receivables by age (%(currency)s)") % {"currency": currency})
    axes.set_xlabel(_("Days past the due date"))
    axes.set_ylabel(_("Outstanding, %(currency)s") % {"currency": currency})
    axes.spines[["top", "right"]].set_visible(False)
    for bar, value in zip(bars, values, strict=True):
        if value:
            axes.annotate(
                format_money(Decimal(str(value)), currency, language),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8,
            )
    axes.margins(y=0.2)


def _svg_of(figure) -> str:
    import matplotlib

    figure.tight_layout()
    buffer = io.StringIO()
    # Text stays text (not outlines): translatable, selectable, readable by screen readers.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def ageing_chart_svg(*, totals: dict[str, Decimal], currency: str, language: str) -> str:
    """One currency's outstanding amounts per ageing bucket; title and axes in ``language``."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 3.0), dpi=100)
    _draw(figure.subplots(), totals=totals, currency=currency, language=language)
    return _svg_of(figure)


def ageing_charts_svg(*, totals: dict[str, dict[str, Decimal]], language: str) -> str:
    """Every currency's ageing, one chart under the other (never added together); a short
    note when nothing is outstanding."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    currencies = sorted(totals)
    if not currencies:
        figure = Figure(figsize=(6.4, 1.2), dpi=100)
        axes = figure.subplots()
        axes.set_title(_("Receivables by age"))
        axes.text(0.5, 0.4, _("Nothing is outstanding."), ha="center", va="center")
        axes.set_axis_off()
        return _svg_of(figure)
    figure = Figure(figsize=(6.4, 3.0 * len(currencies)), dpi=100)
    all_axes = figure.subplots(len(currencies), 1, squeeze=False)[:, 0]
    for axes, currency in zip(all_axes, currencies, strict=True):
        _draw(axes, totals=totals[currency], currency=currency, language=language)
    return _svg_of(figure)
