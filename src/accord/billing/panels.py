from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Panel, prefetched

from . import selectors
from .models import Invoice


def project_prefetches(project_id: int) -> list[Prefetch]:
    """All invoices of the project, newest first: the panel lists them, the problems read them."""
    invoices = Invoice.objects.select_related("client", "billing_contact").order_by(
        "-issue_date", "-id"
    )
    return [Prefetch("invoices", queryset=invoices)]


def project_panels(request, project) -> list[Panel]:
    today = timezone.localdate()
    # One query: the list shows the latest 20, the totals count every open invoice.
    loaded = prefetched([project], "invoices")
    invoices = (
        loaded[project.pk] if loaded is not None else list(selectors.invoice_list(project=project))
    )
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
