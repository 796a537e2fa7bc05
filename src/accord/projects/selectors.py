from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.hooks import (
    collect_project_annotations,
    collect_project_joins,
    collect_project_page_annotations,
    collect_project_prefetches,
    collect_project_problems,
)
from accord.core.querying import count_per_project, page_of_rows

from .models import Milestone, Project


def project_list_for_member(*, member) -> QuerySet[Project]:
    return (
        Project.objects.filter(workspace=member.workspace)
        .select_related("client", "contract", "workspace")
        .order_by("client__name", "name")
    )


def project_list_filtered(
    *, member, status: str = "", client_id: int | None = None, band: str = ""
) -> QuerySet[Project]:
    """The projects list with its filters; a value that is not one of the choices (or a client
    of another workspace) filters nothing, respectively finds nothing."""
    from accord.health.models import Band

    projects = project_list_for_member(member=member)
    if status in Project.Status.values:
        projects = projects.filter(status=status)
    if client_id is not None:
        projects = projects.filter(client_id=client_id)
    if band in Band.values:
        projects = projects.filter(health__band=band)
    return projects


def project_choices_for_member(*, member) -> list[tuple[int, str]]:
    """The projects still running, as (id, "project · client") for a "New …" picker (one query)."""
    return [
        (pk, f"{name} · {client}")
        for pk, name, client in Project.objects.filter(
            workspace=member.workspace, status__in=["planned", "active"]
        )
        .order_by("name", "id")
        .values_list("pk", "name", "client__name")
    ]


def project_get_for_member(*, member, project_id: int) -> Project:
    return get_object_or_404(
        Project.objects.select_related("client", "contract"),
        pk=project_id,
        workspace=member.workspace,
    )


def project_page_get_for_member(*, member, project_id: int) -> Project:
    """The project of the project page, loaded once for every panel: client, contract and the
    panels' one-to-one relations joined, the commitment counts of the setup checklist annotated,
    and all milestones, commitments, decisions and the panels' prefetches loaded (the apps'
    problems and panels read them, see hooks.prefetched and hooks.joined)."""
    from accord.agreements.models import Agreement, Commitment

    # The same rows and order as agreements.selectors.agreement_list_for_project.
    agreements = (
        Agreement.objects.exclude(status=Agreement.Status.SUPERSEDED)
        .select_related("accepted_by", "reversed_by_contact")
        .order_by("-decided_on", "-id")
    )
    commitments = Commitment.objects.select_related(
        "owner_member__user", "owner_contact", "milestone"
    ).order_by("status", "due_date", "id")
    project = get_object_or_404(
        projects_with_counts(
            Project.objects.select_related("client", "contract", *collect_project_joins())
            .annotate(**collect_project_annotations(), **collect_project_page_annotations())
            .prefetch_related(
                "milestones",
                Prefetch("commitments", queryset=commitments),
                # The decisions shown (not superseded ones), which the problems count too.
                Prefetch("agreements", queryset=agreements),
                # The client's people: the commitment form, the meeting checks and the silence
                # ladder read them.
                "client__contacts",
                *collect_project_prefetches(project_id),
            )
        ),
        pk=project_id,
        workspace=member.workspace,
    )
    project.workspace = member.workspace
    return project


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
    """Each project's number of commitments per side, as correlated subqueries: PostgreSQL counts
    them for the rows of the shown page only, where a join and GROUP BY over every project's
    commitments had to be computed for the whole list before its page was cut."""
    from accord.agreements.models import Commitment

    return queryset.annotate(
        our_commitments=count_per_project(Commitment.objects.filter(side="ours")),
        client_commitments=count_per_project(Commitment.objects.filter(side="client")),
    )


def projects_for_problems(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """A list page's projects loaded for their problems (``hooks.collect_project_problems``):
    with the apps' project annotations, the milestones, and the commitments the problems read
    (the open ones, and ours done within the team-pace window), so that each app's problems
    cost no query of their own for these."""
    from accord.agreements.models import Commitment
    from accord.changes.forecasts import PACE_WINDOW_DAYS

    # A day more than the window: the forecasts compare local dates.
    done_since = timezone.now() - datetime.timedelta(days=PACE_WINDOW_DAYS + 1)
    commitments = Commitment.objects.filter(
        Q(status=Commitment.Status.OPEN)
        | Q(status=Commitment.Status.DONE, side=Commitment.Side.OURS, done_at__gte=done_since)
    ).order_by("status", "due_date", "id")
    return queryset.annotate(**collect_project_annotations()).prefetch_related(
        "milestones", Prefetch("commitments", queryset=commitments)
    )


DASHBOARD_PROJECTS_PER_PAGE = 25


def project_list_by_risk(*, workspace) -> QuerySet[Project]:
    """The workspace's projects, riskiest first, ordered in the database so pages stay stable.

    Risk is the severity of the worst open case, then the lower health score (projects not
    scored yet after the scored ones), then the name.
    """
    from django.db.models import F

    from accord.situations.selectors import worst_open_case_rank

    return (
        Project.objects.filter(workspace=workspace)
        .annotate(
            worst_case_rank=worst_open_case_rank(),
            health_score=F("health__score"),
            health_band=F("health__band"),
        )
        .order_by("-worst_case_rank", F("health_score").asc(nulls_last=True), "name", "id")
    )


def workspace_overview(*, workspace, page: int | str | None = 1) -> dict:
    """Dashboard: one page of projects, riskiest first, with each project's open problems.

    Paged by project, so the queries and the work per request stay the same however many
    projects the workspace has; the problems are collected for the shown projects only.
    The page is cut on the bare risk ordering and only its rows are joined and annotated
    (``core.querying.page_of_rows``).
    """
    ranked = project_list_by_risk(workspace=workspace)
    project_page = page_of_rows(
        ranked,
        DASHBOARD_PROJECTS_PER_PAGE,
        page,
        rows=projects_for_problems(
            projects_with_counts(ranked.select_related("client", "contract", "workspace"))
        ),
    )
    projects = project_page.object_list
    problems = collect_project_problems(projects)
    for project in projects:
        project.problems = problems.get(project.pk, [])
    return {
        "projects": projects,
        "page": project_page,
        "project_count": project_page.paginator.count,
        # Of the shown page (all of it when there is one page).
        "problem_count": sum(len(items) for items in problems.values()),
        "today": timezone.localdate(),
    }
