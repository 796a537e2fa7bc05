"""Endpoints of the API itself: who is calling."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from . import services
from .models import ApiToken
from .permissions import api_member
from .schemas import Id, text
from .selectors import api_token_list_for_member

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


@router.get("/me", response=MeOut, tags=["account"])
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


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    member_id: int
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="Shown once: store it now, Accord keeps only its hash.")


class TokenIn(Schema):
    name: text(100, min_length=1)


@router.get("/tokens", response=list[TokenOut], tags=["tokens"])
def api_token_list(request):
    """The caller's own tokens (owners and managers see every member's)."""
    member = api_member(request)
    if member.can_manage:
        return list(ApiToken.objects.filter(workspace=member.workspace).order_by("-created_at"))
    return list(api_token_list_for_member(member=member))


@router.post("/tokens", response={201: TokenCreatedOut}, tags=["tokens"])
def api_token_create(request, payload: TokenIn):
    """A new token for the caller."""
    member = api_member(request)
    record, token = services.api_token_create(member=member, name=payload.name, actor=request.user)
    return 201, {**TokenOut.from_orm(record).dict(), "token": token}


@router.delete("/tokens/{token_id}", response={204: None}, tags=["tokens"])
def api_token_revoke(request, token_id: Id):
    """Revoke a token: one's own, or any member's for owners and managers."""
    member = api_member(request)
    tokens = ApiToken.objects.filter(workspace=member.workspace)
    if not member.can_manage:
        tokens = tokens.filter(member=member)
    record = get_object_or_404(tokens, pk=token_id)
    services.api_token_revoke(token=record, actor=request.user)
    return 204, None
