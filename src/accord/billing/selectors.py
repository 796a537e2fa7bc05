"""Reads of billing data, scoped to a workspace; reused by pages, the API, health and reports."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, F, QuerySet, Sum, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Invoice

BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")
OPEN = (Invoice.Status.ISSUED, Invoice.Status.PARTIALLY_PAID)


def _scope(queryset: QuerySet, *, workspace=None, project=None, client=None) -> QuerySet:
    if workspace is None and project is None and client is None:
        raise ValueError("Scope the query to a workspace, a project or a client.")
    if workspace is not None:
        queryset = queryset.filter(workspace=workspace)
    if project is not None:
        queryset = queryset.filter(project=project)
    if client is not None:
        queryset = queryset.filter(client=client)
    return queryset


def invoice_list(*, workspace=None, project=None, client=None) -> QuerySet[Invoice]:
    return _scope(
        Invoice.objects.select_related("project", "client", "billing_contact"),
        workspace=workspace,
        project=project,
        client=client,
    ).order_by("-issue_date", "-id")


def invoice_get_for_member(*, member, invoice_id: int) -> Invoice:
    return get_object_or_404(
        Invoice.objects.select_related(
            "project__client",
            "project__contract",
            "client",
            "billing_contact",
            "account_owner__user",
            "case",
            "workspace",
        ),
        pk=invoice_id,
        workspace=member.workspace,
    )


def invoices_open(*, workspace=None, project=None, client=None) -> QuerySet[Invoice]:
    return _scope(
        Invoice.objects.filter(status__in=OPEN).select_related("project", "client"),
        workspace=workspace,
        project=project,
        client=client,
    )


def invoices_overdue(
    *, workspace=None, project=None, client=None, today: datetime.date | None = None
) -> QuerySet[Invoice]:
    """Open invoices past their due date, oldest first, then the largest outstanding amount."""
    today = today or timezone.localdate()
    return (
        invoices_open(workspace=workspace, project=project, client=client)
        .filter(due_date__lt=today)
        .annotate(outstanding_amount=F("amount") - F("amount_paid"))
        .order_by("due_date", "-outstanding_amount", "id")
    )


def days_overdue(invoice: Invoice, today: datetime.date | None = None) -> int:
    return max(((today or timezone.localdate()) - invoice.due_date).days, 0)


def ageing_bucket(days: int) -> str:
    if days <= 0:
        return "current"
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    if days <= 90:
        return "61-90"
    return "90+"


@dataclass
class AgeingRow:
    client: object
    project: object
    currency: str
    buckets: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys(BUCKETS, Decimal("0"))
    )

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), Decimal("0"))

    @property
    def overdue(self) -> Decimal:
        return self.total - self.buckets["current"]


def receivables_ageing(
    *, workspace=None, project=None, client=None, today: datetime.date | None = None
) -> list[AgeingRow]:
    """Outstanding amounts per client, project and currency in the ageing buckets (one query).

    Currencies are never added together: each row is in one currency.
    """
    invoices = invoices_open(workspace=workspace, project=project, client=client).order_by(
        "client__name", "project__name", "currency"
    )
    return ageing_rows(invoices, today=today or timezone.localdate())


def ageing_rows(invoices, *, today: datetime.date) -> list[AgeingRow]:
    """Group already-fetched invoices (open ones count) into ageing rows, in their order."""
    rows: dict[tuple[int, int, str], AgeingRow] = {}
    for invoice in invoices:
        if invoice.status not in OPEN:
            continue
        key = (invoice.client_id, invoice.project_id, invoice.currency)
        if key not in rows:
            rows[key] = AgeingRow(invoice.client, invoice.project, invoice.currency)
        rows[key].buckets[ageing_bucket((today - invoice.due_date).days)] += invoice.outstanding
    return list(rows.values())


def ageing_totals(rows: list[AgeingRow]) -> dict[str, dict[str, Decimal]]:
    """Bucket totals per currency."""
    totals: dict[str, dict[str, Decimal]] = defaultdict(
        lambda: dict.fromkeys(BUCKETS, Decimal("0"))
    )
    for row in rows:
        for bucket, amount in row.buckets.items():
            totals[row.currency][bucket] += amount
    return dict(totals)


def ageing_totals_by_currency(
    *, workspace=None, project=None, today: datetime.date | None = None
) -> dict[str, dict[str, Decimal]]:
    """Outstanding per currency and ageing bucket, summed in the database (one query).

    The same figures as ``ageing_totals(receivables_ageing(...))`` without loading the invoices,
    so the dashboard's chart costs one query however many invoices a workspace keeps.
    """
    today = today or timezone.localdate()

    def before(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    bucket = Case(
        When(due_date__gte=today, then=Value("current")),
        When(due_date__gte=before(30), then=Value("1-30")),
        When(due_date__gte=before(60), then=Value("31-60")),
        When(due_date__gte=before(90), then=Value("61-90")),
        default=Value("90+"),
        output_field=CharField(),
    )
    rows = (
        _scope(Invoice.objects.filter(status__in=OPEN), workspace=workspace, project=project)
        .annotate(bucket=bucket)
        .values("currency", "bucket")
        .annotate(outstanding=Sum(F("amount") - F("amount_paid")))
        .order_by("currency", "bucket")
    )
    totals: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        buckets = totals.setdefault(row["currency"], dict.fromkeys(BUCKETS, Decimal("0")))
        buckets[row["bucket"]] += max(row["outstanding"] or Decimal("0"), Decimal("0"))
    return totals


def open_currencies(*, workspace) -> list[str]:
    """Currencies the workspace's open invoices are in (one small query), for the charts."""
    return sorted(
        set(
            Invoice.objects.filter(workspace=workspace, status__in=OPEN)
            .values_list("currency", flat=True)
            .distinct()
        )
    )
