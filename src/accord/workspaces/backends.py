"""The sign-in backend: Django's, except that a signed-in request loads its user together with
the user's memberships (and their workspaces) in one query."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from .models import Member


class MemberBackend(ModelBackend):
    def get_user(self, user_id):
        memberships = list(
            Member.objects.filter(user_id=user_id)
            .select_related("user", "workspace")
            .order_by("workspace_id")
        )
        if not memberships:
            # Someone without a workspace (an administrator, a new user): Django's own lookup.
            return super().get_user(user_id)
        user = memberships[0].user
        for membership in memberships:
            membership.user = user
        # Read by selectors.member_for_request instead of querying the memberships again.
        user.loaded_memberships = memberships
        return user if self.user_can_authenticate(user) else None
