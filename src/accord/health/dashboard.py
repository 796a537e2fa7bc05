"""The dashboard's health section: projects sorted by health, worst first, and the trend."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from .registry import SIGNALS
from .selectors import dashboard_rows

DASHBOARD_ROWS = 15  # the worst ones; the health page lists them all


def dashboard_panels(request) -> list[Panel]:
    if request.member is None:
        return []
    rows = dashboard_rows(workspace=request.workspace, limit=DASHBOARD_ROWS)
    for row in rows:
        first = row.findings[0] if row.findings else None
        spec = SIGNALS.get(first["signal"]) if first else None
        row.top_label = str(spec.label) if spec else ""
    return [
        Panel(
            _("Projects by health"),
            "health/_dashboard_panel.html",
            {
                "anchor": "health",
                "rows": rows,
                "charts": ("health", "tone"),
            },
            5,
        )
    ]
