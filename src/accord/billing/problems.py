from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import Problem, prefetched
from accord.core.links import link

from .models import Invoice
from .money import format_money


def project_problems(projects: list) -> dict[int, list[Problem]]:
    """Late invoices (one problem per project, naming the oldest) and over-payments to settle."""
    from django.db.models import F, Q
    from django.utils import translation

    result: dict[int, list[Problem]] = {project.pk: [] for project in projects}
    today = timezone.localdate()
    language = translation.get_language()
    late: dict[int, list[Invoice]] = defaultdict(list)
    overpaid: list[Invoice] = []
    open_statuses = [Invoice.Status.ISSUED, Invoice.Status.PARTIALLY_PAID]
    loaded = prefetched(projects, "invoices")
    if loaded is not None:
        invoices = sorted(
            (
                invoice
                for items in loaded.values()
                for invoice in items
                if (invoice.status in open_statuses and invoice.due_date < today)
                or invoice.amount_paid > invoice.amount
            ),
            key=lambda invoice: (invoice.due_date, invoice.pk),
        )
    else:
        invoices = (
            Invoice.objects.filter(project__in=projects)
            .filter(
                Q(status__in=open_statuses, due_date__lt=today) | Q(amount_paid__gt=F("amount"))
            )
            .order_by("due_date", "id")
        )
    for invoice in invoices:
        if invoice.status in open_statuses and invoice.due_date < today:
            late[invoice.project_id].append(invoice)
        if invoice.amount_paid > invoice.amount:
            overpaid.append(invoice)
    for project_id, invoices in late.items():
        oldest = invoices[0]
        result[project_id].append(
            Problem(
                "invoice_overdue",
                _(
                    "%(count)s late invoice(s); the oldest, %(number)s, %(amount)s, is %(days)s days late."
                )
                % {
                    "count": len(invoices),
                    "number": oldest.number,
                    "amount": format_money(oldest.outstanding, oldest.currency, language),
                    "days": (today - oldest.due_date).days,
                },
                "bad" if (today - oldest.due_date).days > 30 else "warn",
                link("billing:invoice", [oldest.pk]),
            )
        )
    for invoice in overpaid:
        result[invoice.project_id].append(
            Problem(
                "invoice_overpaid",
                _("Invoice %(number)s is over-paid by %(amount)s: refund it or credit it.")
                % {
                    "number": invoice.number,
                    "amount": format_money(invoice.overpaid, invoice.currency, language),
                },
                "warn",
                link("billing:invoice", [invoice.pk]),
            )
        )
    return result
