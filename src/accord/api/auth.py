"""How API calls authenticate: a member's Bearer token first, then the browser session.

The token is tried first so that integrations never meet the session's CSRF check. A call that
carries no token falls back to the session, and then a real CSRF check applies to every write:
the CSRF secret lives in the server-side session (``CSRF_USE_SESSIONS``), so a cookie and header
pair made up by the caller does not pass.
"""

from __future__ import annotations

from ninja.errors import AuthorizationError
from ninja.security import HttpBearer, SessionAuth

from .services import api_token_authenticate


class MemberTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: a token issued to a workspace member, not revoked."""

    def authenticate(self, request, token: str):
        member = api_token_authenticate(token)
        if member is None:
            return None
        request.user = member.user
        request.member = member
        request.workspace = member.workspace
        request.api_token_used = True
        return member


class MemberSessionAuth(SessionAuth):
    """The signed-in browser session (with its CSRF check on writes)."""

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        member = getattr(request, "member", None)
        if member is None:
            raise AuthorizationError(message="You are not a member of any workspace.")
        return member


def api_auth() -> list:
    return [MemberTokenAuth(), MemberSessionAuth(csrf=True)]
