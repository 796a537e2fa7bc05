"""Endpoints of the API itself: who is calling."""

from __future__ import annotations

from ninja import Router, Schema

from .permissions import api_member

router = Router(tags=["account"])


class MeOut(Schema):
    member_id: int
    username: str
    role: str
    language: str
    workspace_id: int
    workspace_name: str
    workspace_slug: str
    time_zone: str


@router.get("/me", response=MeOut)
def me_get(request):
    """The member and workspace the credentials belong to."""
    member = api_member(request)
    return {
        "member_id": member.pk,
        "username": member.user.get_username(),
        "role": member.role,
        "language": member.language,
        "workspace_id": member.workspace_id,
        "workspace_name": member.workspace.name,
        "workspace_slug": member.workspace.slug,
        "time_zone": member.workspace.time_zone,
    }
