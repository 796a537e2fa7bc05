"""Query expressions more than one app builds the same way."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Aggregate, Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def aggregate_per_row(
    queryset: QuerySet, field: str, aggregate: Aggregate, outer_ref: str = "pk"
) -> Coalesce:
    """``aggregate`` over ``queryset``'s rows that point with ``field`` at the outer query's row
    (0 when none), as an annotation: a correlated subquery, so a paged list aggregates only the
    rows it shows (an aggregate over a join groups the whole table before the page is cut), and
    an aggregate rather than ``ORDER BY ... LIMIT 1``, which sorts once per outer row."""
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef(outer_ref)})
            .order_by()
            .values(field)
            .annotate(value=aggregate)
            .values("value")[:1]
        ),
        0,
    )


def count_per_row(queryset: QuerySet, field: str, outer_ref: str = "pk") -> Coalesce:
    """How many of ``queryset``'s rows point with ``field`` at the outer query's row."""
    return aggregate_per_row(queryset, field, Count("id"), outer_ref)


def count_per_project(queryset: QuerySet, project_ref: str = "pk") -> Coalesce:
    """How many of ``queryset``'s rows belong to the outer query's project (0 when none)."""
    return count_per_row(queryset, "project", project_ref)


def page_of_rows(queryset: QuerySet, per_page: int, number, *, rows=None) -> Page:
    """A page of ``queryset`` cut on its bare ordering, with only the page's rows loaded whole.

    The page is chosen among the ids alone (``queryset`` without its joins: ``values_list``
    leaves ``select_related`` out), in a subquery, and ``rows`` (``queryset`` when not given)
    loads just those: a database sorts all candidate rows before it can cut a page, and sorting
    them with their joined columns attached cost about twice as much (the dashboard's 3,000
    projects, the case list's 1,500 open cases at N=1). ``rows`` must order as ``queryset``.
    """
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    page.object_list = list((queryset if rows is None else rows).filter(pk__in=page.object_list))
    return page
