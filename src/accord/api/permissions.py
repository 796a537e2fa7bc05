"""Who may do what through the API: the caller's member and role checks."""

from __future__ import annotations

from ninja.errors import HttpError


def api_member(request):
    """The workspace member behind an API call (token or session); 403 when there is none."""
    member = getattr(request, "member", None)
    if member is None:
        raise HttpError(403, "You are not a member of any workspace.")
    return member


def require_manager(request):
    """Owners and managers only (destructive actions: deleting, revoking others' tokens...)."""
    member = api_member(request)
    if member.role not in {"owner", "manager"}:
        raise HttpError(403, "Only owners and managers may do this.")
    return member


def require_owner(request):
    member = api_member(request)
    if member.role != "owner":
        raise HttpError(403, "Only owners may do this.")
    return member
