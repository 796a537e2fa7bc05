"""The dashboard's money section: receivables by age (one chart per currency in one image)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.hooks import Panel


def dashboard_panels(request) -> list[Panel]:
    if request.member is None:
        return []
    # No query here: the chart is an image drawn (and cached) when the browser asks for it,
    # and it says so itself when nothing is outstanding.
    return [
        Panel(
            _("Receivables by age"),
            "billing/_dashboard_panel.html",
            {"anchor": "receivables"},
            40,
        )
    ]
