"""Receivables ageing as an SVG bar chart, rendered on the server with matplotlib."""

from __future__ import annotations

import io
from decimal import Decimal

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


def ageing_chart_svg(*, totals: dict[str, Decimal], currency: str, language: str) -> str:
    """One currency's outstanding amounts per ageing bucket; title and axes in ``language``."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    labels = bucket_labels()
    values = [float(totals.get(bucket, Decimal("0"))) for bucket in BUCKETS]
    figure = Figure(figsize=(6.4, 3.0), dpi=100)
    axes = figure.subplots()
    colours = ["#6a9f6a", "#e0b040", "#e08a30", "#d0602a", "#b03a2e"]
    bars = axes.bar([labels[bucket] for bucket in BUCKETS], values, color=colours)
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
    figure.tight_layout()
    buffer = io.StringIO()
    # Text stays text (not outlines): translatable, selectable, readable by screen readers.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
