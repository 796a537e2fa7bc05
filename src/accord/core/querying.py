"""Query expressions more than one app builds the same way."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_per_row(queryset: QuerySet, field: str, outer_ref: str = "pk") -> Coalesce:
    """How many of ``queryset``'s rows point with ``field`` at the outer query's row (0 when
    none), as an annotation: a correlated subquery, so a paged list counts only the rows it
    shows (a Count over a join groups the whole table before the page is cut)."""
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef(outer_ref)})
            .order_by()
            .values(field)
            .annotate(count=Count("id"))
            .values("count")[:1]
        ),
        0,
    )


def count_per_project(queryset: QuerySet, project_ref: str = "pk") -> Coalesce:
    """How many of ``queryset``'s rows belong to the outer query's project (0 when none)."""
    return count_per_row(queryset, "project", project_ref)
