from __future__ import annotations

from django.db.models import QuerySet

from .models import Member


def member_list_for_user(*, user) -> QuerySet[Member]:
    return Member.objects.filter(user=user).select_related("workspace", "user")


def member_for_request(*, user, workspace_id: int | None) -> Member | None:
    """The membership a signed-in user works in: the chosen workspace, else the first."""
    if not user.is_authenticated:
        return None
    loaded = getattr(user, "loaded_memberships", None)
    if loaded is not None:
        # Loaded with the user by backends.MemberBackend, ordered by workspace.
        chosen = [
            member for member in loaded if workspace_id and member.workspace_id == workspace_id
        ]
        return (chosen or loaded)[0]
    memberships = member_list_for_user(user=user)
    if workspace_id:
        chosen = memberships.filter(workspace_id=workspace_id).first()
        if chosen:
            return chosen
    return memberships.order_by("workspace_id").first()


def member_list_for_workspace(*, workspace) -> QuerySet[Member]:
    return (
        Member.objects.filter(workspace=workspace).select_related("user").order_by("user__username")
    )
