"""Pagination, filtering and ordering for list endpoints.

    @router.get("/", response=list[ProjectOut])
    @paginate(Pagination)
    def project_list(request, filters: Query[ProjectFilter], ordering: ordering_param(...) = ...):
        return order_by(queryset.filter(...), ordering)

Lists answer ``{"items": [...], "count": N}`` with ``?limit=`` (1-200, default 50) and
``?offset=``. ``ordering`` is one of the listed field names, ``-`` in front for descending.
"""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def ordering_param(*fields: str) -> Any:
    """A Literal type of the allowed orderings: each field, ascending or descending."""
    values = tuple(value for name in fields for value in (name, f"-{name}"))
    return Literal[values]  # type: ignore[valid-type]


def order_by(queryset: QuerySet, ordering: str | None, *, tie_breaker: str = "id") -> QuerySet:
    """Order by the chosen field and then by id, so pages never overlap."""
    if not ordering:
        return queryset
    descending = ordering.startswith("-")
    tie = f"-{tie_breaker}" if descending else tie_breaker
    return queryset.order_by(ordering, tie)
