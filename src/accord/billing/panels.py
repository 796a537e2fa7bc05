from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel

from . import selectors


def project_panels(request, project) -> list[Panel]:
    today = timezone.localdate()
    # One query: the list shows the latest 20, the totals count every open invoice.
    invoices = list(selectors.invoice_list(project=project))
    return [
        Panel(
            _("Invoices and payments"),
            "billing/_project_panel.html",
            {
                "project": project,
                "invoices": invoices[:20],
                "ageing": selectors.ageing_rows(invoices, today=today),
                "today": today,
            },
            45,
        )
    ]
