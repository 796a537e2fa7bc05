"""Reading ids from query strings and form posts: bad values are a 400, never a 500."""

from __future__ import annotations

from django.core.exceptions import BadRequest

from .limits import ID_MAX


def id_param(value, name: str) -> int:
    """``value`` as a record id (1 .. 2**63-1); BadRequest (400) naming ``name`` otherwise."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise BadRequest(f"{name} must be a whole number.") from None
    if not 1 <= number <= ID_MAX:
        raise BadRequest(f"{name} is out of range.")
    return number
