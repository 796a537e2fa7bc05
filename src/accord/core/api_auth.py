from __future__ import annotations

import hashlib

from ninja.security import HttpBearer


class MemberTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a token issued to a workspace member."""

    def authenticate(self, request, token: str):
        from accord.workspaces.models import Member

        if not token:
            return None
        digest = hashlib.sha256(token.encode()).hexdigest()
        member = (
            Member.objects.select_related("workspace", "user").filter(api_token_hash=digest).first()
        )
        if member is None:
            return None
        request.user = member.user
        request.member = member
        request.workspace = member.workspace
        return member
