from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import collect_project_problems

from .models import Milestone, Project


def project_list_for_member(*, member) -> QuerySet[Project]:
    return (
        Project.objects.filter(workspace=member.workspace)
        .select_related("client", "contract", "workspace")
        .order_by("client__name", "name")
    )


def project_get_for_member(*, member, project_id: int) -> Project:
    return get_object_or_404(
        Project.objects.select_related("client", "contract"),
        pk=project_id,
        workspace=member.workspace,
    )


def milestone_get_for_member(*, member, milestone_id: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("project__client"),
        pk=milestone_id,
        workspace=member.workspace,
    )


@dataclass(frozen=True)
class SetupStep:
    key: str
    label: str
    done: bool


def project_setup_checklist(
    project: Project, *, our_commitments: int, client_commitments: int
) -> list[SetupStep]:
    """The rules of cooperation of practice §1 that must be agreed at the start."""
    contract = getattr(project, "contract", None)
    return [
        SetupStep(
            "meeting_cadence",
            _("Meeting cadence agreed"),
            bool(contract and contract.meeting_cadence),
        ),
        SetupStep(
            "documentation",
            _("List of documents to produce agreed"),
            bool(contract and contract.documents),
        ),
        SetupStep(
            "schedule",
            _("Schedule with tasks and dates for both sides"),
            our_commitments > 0 and client_commitments > 0,
        ),
        SetupStep(
            "escalation",
            _("Escalation path / conflict resolution agreed"),
            bool(contract and contract.escalation_path.strip()),
        ),
    ]


def projects_with_counts(queryset: QuerySet[Project]) -> QuerySet[Project]:
    return queryset.annotate(
        our_commitments=Count("commitments", filter=Q(commitments__side="ours"), distinct=True),
        client_commitments=Count(
            "commitments", filter=Q(commitments__side="client"), distinct=True
        ),
    )


DASHBOARD_CLIENTS_PER_PAGE = 25


def workspace_overview(*, workspace, page: int | str | None = 1) -> dict:
    """Dashboard: one page of clients with their projects and each project's open problems.

    Paged by client, so the queries and the work per request stay the same however many clients
    and projects the workspace has; the problems are collected for the shown projects only.
    """
    from django.core.paginator import Paginator

    from accord.clients.models import Client

    client_page = Paginator(
        Client.objects.filter(workspace=workspace).order_by("name", "id"),
        DASHBOARD_CLIENTS_PER_PAGE,
    ).get_page(page)
    clients = list(client_page.object_list)
    projects = list(
        projects_with_counts(
            Project.objects.filter(workspace=workspace, client__in=clients).select_related(
                "client", "contract", "workspace"
            )
        ).order_by("name")
    )
    problems = collect_project_problems(projects)
    by_client: dict[int, list] = {}
    for project in projects:
        project.problems = problems.get(project.pk, [])
        by_client.setdefault(project.client_id, []).append(project)
    for client in clients:
        client.project_rows = by_client.get(client.pk, [])
    return {
        "clients": clients,
        "page": client_page,
        # Both counts are of the shown page (all of it when there is one page).
        "project_count": len(projects),
        "problem_count": sum(len(items) for items in problems.values()),
        "today": timezone.localdate(),
    }
