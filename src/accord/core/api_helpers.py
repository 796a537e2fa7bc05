from __future__ import annotations

from ninja.errors import HttpError

from accord.core.errors import DomainError


def current_member(request):
    """The workspace member behind an API call (session or token); 403 when there is none."""
    member = getattr(request, "member", None)
    if member is None:
        raise HttpError(403, "You are not a member of any workspace.")
    return member


def domain_error_to_http(error: DomainError) -> HttpError:
    return HttpError(422, error.message)
