from __future__ import annotations

from django.db.models import QuerySet

from .models import ApiToken


def api_token_list_for_member(*, member) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(member=member).order_by("revoked_at", "-created_at", "-id")
