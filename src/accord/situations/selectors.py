"""Reads of cases for pages: the severity order used by every list that puts the worst first."""

from __future__ import annotations

from django.db.models import Case as CaseWhen
from django.db.models import Exists, IntegerField, Max, OuterRef, QuerySet, Value, When
from django.db.models.functions import Coalesce

from accord.core.querying import aggregate_per_row

from .models import OPEN_STATUSES, Case

# Higher is worse; a project without an open case ranks 0.
SEVERITY_RANK = {
    Case.Severity.CRITICAL: 4,
    Case.Severity.HIGH: 3,
    Case.Severity.MEDIUM: 2,
    Case.Severity.LOW: 1,
}


def severity_rank_expression(field: str = "severity") -> CaseWhen:
    """The rank of a severity column as an SQL expression, so lists sort by it in the database."""
    return CaseWhen(
        *(When(**{field: severity}, then=Value(rank)) for severity, rank in SEVERITY_RANK.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def worst_open_case_rank(project_ref: str = "pk") -> Coalesce:
    """The rank of the worst open case of the outer query's project (0 without one)."""
    return aggregate_per_row(
        Case.objects.filter(status__in=OPEN_STATUSES),
        "project",
        Max(severity_rank_expression()),
        project_ref,
    )


def client_has_open_case(client_ref: str = "pk") -> Exists:
    """Whether the outer query's client has an open case in any of its projects."""
    return Exists(
        Case.objects.filter(project__client=OuterRef(client_ref), status__in=OPEN_STATUSES)
    )


def case_list_for_member(*, member) -> QuerySet[Case]:
    """The workspace's cases, the most severe first, then the newest."""
    return (
        Case.objects.filter(workspace=member.workspace)
        .select_related("project__client", "owner__user")
        .annotate(severity_rank=severity_rank_expression())
        .order_by("-severity_rank", "-opened_at", "-id")
    )


def open_case_list_for_client(*, member, client) -> QuerySet[Case]:
    """The client's open cases, the most severe first."""
    return case_list_for_member(member=member).filter(
        project__client=client, status__in=OPEN_STATUSES
    )
