"""Pagination, filtering and ordering for list endpoints.

    @router.get("/", response=list[ProjectOut])
    @paginate(Pagination)
    def project_list(request, filters: Query[ProjectFilter], ordering: ordering_param(...) = ...):
        return order_by(queryset.filter(...), ordering)

Lists answer ``{"items": [...], "count": N}`` with ``?limit=`` (1-200, default 50) and
``?offset=``. ``ordering`` is one of the listed field names, ``-`` in front for descending.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpResponse
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


def kept_list(item: type[Schema]) -> Callable:
    """Keep a paged list's JSON answer in the page cache (``accord.core.pagecache``) until the
    next committed write, per member and full path (filters, ordering, page).

        @router.get("/", response=list[CaseOut])
        @kept_list(CaseOut)
        @paginate(Pagination)
        def case_list(request, ...): ...

    It runs inside the operation, after the token or session was checked, so a revoked token,
    the rate limits and the token's last-use stamp work as before. On a miss the page is
    serialised as django-ninja does it (``item`` validated from each row, dumped with the
    operation's defaults, rendered by the API's renderer), so a kept answer and a fresh one are
    the same bytes; an answer that is not a plain page (an error) is returned as it is.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, **kwargs):
            from accord.api.main import api
            from accord.core.pagecache import enabled, kept_response

            if not enabled():
                return view(request, **kwargs)
            answers: list = []

            def render():
                result = view(request, **kwargs)
                if not isinstance(result, dict):
                    answers.append(result)
                    return HttpResponse(status=204)  # not kept (not a 200)
                page = {
                    **result,
                    "items": [item.model_validate(row).model_dump() for row in result["items"]],
                }
                return api.create_response(request, page, status=200)

            response = kept_response(request, f"api:{view.__name__}", render)
            return answers[0] if answers else response

        return wrapper

    return decorator


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
