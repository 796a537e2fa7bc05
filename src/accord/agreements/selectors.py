from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Agreement, Commitment


def agreement_list_for_project(*, project, include_superseded: bool = False) -> QuerySet[Agreement]:
    queryset = Agreement.objects.filter(project=project).select_related(
        "accepted_by", "reversed_by_contact"
    )
    if not include_superseded:
        queryset = queryset.exclude(status=Agreement.Status.SUPERSEDED)
    return queryset.order_by("-decided_on", "-id")


def agreement_get_for_member(*, member, agreement_id: int) -> Agreement:
    return get_object_or_404(
        Agreement.objects.select_related("project__client", "accepted_by"),
        pk=agreement_id,
        workspace=member.workspace,
    )


def agreement_history(*, agreement: Agreement) -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(lineage=agreement.lineage)
        .select_related("accepted_by", "recorded_by", "reversed_by_contact")
        .order_by("-version")
    )


def agreements_accepted_for_project(*, project) -> QuerySet[Agreement]:
    return Agreement.objects.filter(
        project=project, status=Agreement.Status.ACCEPTED
    ).select_related("accepted_by")


def commitment_list_for_project(*, project) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(project=project)
        .select_related("owner_member__user", "owner_contact", "milestone")
        .order_by("status", "due_date", "id")
    )


def commitment_get_for_member(*, member, commitment_id: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("project__client", "owner_member__user", "owner_contact"),
        pk=commitment_id,
        workspace=member.workspace,
    )


def commitments_open_for_project(*, project) -> QuerySet[Commitment]:
    return commitment_list_for_project(project=project).filter(status=Commitment.Status.OPEN)
