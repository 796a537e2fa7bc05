"""Query expressions more than one app builds the same way."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_per_project(queryset: QuerySet, project_ref: str = "pk") -> Coalesce:
    """How many of ``queryset``'s rows belong to the outer query's project (0 when none), as an
    annotation: a correlated subquery, so a paged list counts only the projects it shows."""
    return Coalesce(
        Subquery(
            queryset.filter(project=OuterRef(project_ref))
            .order_by()
            .values("project")
            .annotate(count=Count("id"))
            .values("count")[:1]
        ),
        0,
    )
