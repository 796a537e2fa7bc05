"""Every list, dashboard and panel page, and every API list, runs the same number of queries with
5 rows as with 500.

Both workspaces are built by the scale generator (bulk inserts, so the test stays fast), then each
page is requested as the owner of the small and of the large workspace and the counted queries
are compared. A page that queries per row shows up as a difference.
"""

import datetime
import difflib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.communications.models import Interaction
from accord.core.scale import scale_generate
from accord.core.tests.two_processes import ON_POSTGRES
from accord.health.models import ProjectHealth
from accord.projects.models import Project
from accord.situations.models import Case
from accord.workspaces.models import Member

pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 500
# Queries a page may run at most, whatever the data size: the session, the member with their
# user, and the page's own rows. The project page gathers the panels of every app: it loads its
# project, milestones, commitments, decisions, invoices, cases, meetings, the client's people and
# the recent messages once for all of them (15 queries here); a panel whose table has rows for
# the project (change requests, plan versions, status reports, surveys, case suggestions) is
# deferred and loads from its own address (projects/tests/test_deferred_panels.py).
MAX_QUERIES = 15
BUDGET: dict[str, int] = {}


def _workspace(rows: int, *, one_project: bool = False):
    if one_project:
        # One project holding all the rows: the project page and its panels.
        counts = {
            "clients": 1,
            "projects": 1,
            "interactions": rows,
            "agreements": rows,
            "commitments": rows,
            "cases": min(rows, 10),
            "meetings": rows,
            "invoices": rows,
        }
    else:
        counts = {
            "clients": rows,
            "projects": rows,
            "interactions": 2 * rows,
            "agreements": rows,
            "commitments": rows,
            "cases": rows,
            "meetings": rows,
            "invoices": rows,
        }
    name = f"q{rows}{'p' if one_project else ''}"
    workspace, _written = scale_generate(1, counts=counts, slug=name, username=name)
    # The same state in both workspaces: every client silent since the team's last e-mail ten
    # days ago (so the silence ladder shows on every project page).
    last = timezone.now() - datetime.timedelta(days=10)
    Interaction.objects.filter(workspace=workspace, occurred_at__gte=last).delete()
    Interaction.objects.bulk_create(
        Interaction(
            workspace=workspace,
            project=project,
            client_id=project.client_id,
            channel="email",
            direction="out",
            occurred_at=last,
            subject="Status",
            body_text="Could you confirm the test dates?",
        )
        for project in Project.objects.filter(workspace=workspace)
    )
    # ... every project at risk (the generator scores them by their data, which differs), so the
    # health filter shows rows in both ...
    ProjectHealth.objects.filter(workspace=workspace).update(band="at_risk")
    # ... and at least one open case (an empty page skips its query).
    Case.objects.filter(pk=Case.objects.filter(workspace=workspace).order_by("id")[0].pk).update(
        status="open"
    )
    return Member.objects.select_related("user").get(workspace=workspace, role="owner")


def _urls(member) -> dict[str, str]:
    project = Project.objects.filter(workspace=member.workspace).order_by("id").first()
    message = Interaction.objects.filter(project=project).order_by("-occurred_at").first()
    return {
        "dashboard": "/",
        "dashboard page 2": "/?page=2",
        "clients": "/clients/",
        "clients filtered": "/clients/?q=client&cases=open",
        "client": f"/clients/{project.client_id}/",
        "projects": "/projects/",
        "projects filtered": f"/projects/?status=active&health=at_risk&client={project.client_id}",
        "project page": f"/projects/{project.pk}/",
        "inbox": "/communications/",
        "project timeline": f"/communications/project/{project.pk}/",
        "timeline search": f"/communications/project/{project.pk}/?q=invoice",
        "client timeline": f"/communications/client/{project.client_id}/",
        "message": f"/communications/messages/{message.pk}/",
        "quarantine": "/communications/quarantine/",
        "cases": "/cases/",
        "all cases": "/cases/?status=all",
        "meetings": "/meetings/",
        "changes": "/changes/",
        # The API lists (a page of rows each, whatever the data size).
        "api clients": "/api/v1/clients/",
        "api projects": "/api/v1/projects/",
        "api cases": "/api/v1/cases/",
        "api interactions": f"/api/v1/interactions/?project={project.pk}",
        "api agreements": "/api/v1/agreements/",
        "api meetings": "/api/v1/meetings/",
        "api invoices": "/api/v1/billing/invoices",
    }


def _queries(client, member) -> dict[str, list[str]]:
    """The SQL of each page, with numbers blanked so both workspaces compare line by line."""
    client.force_login(member.user)
    # The first request after force_login stores the CSRF secret in the session (signing in
    # through the login page does that on the login response): not part of any page's cost.
    client.get("/")
    result = {}
    for name, url in _urls(member).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        result[name] = [re.sub(r"\d+", "N", query["sql"])[:150] for query in queries]
    client.logout()
    return result


@pytest.mark.parametrize("one_project", [False, True], ids=["many projects", "one big project"])
def test_pages_run_the_same_queries_with_5_and_500_rows(client, one_project):
    small = _queries(client, _workspace(SMALL, one_project=one_project))
    large = _queries(client, _workspace(LARGE, one_project=one_project))

    grows = {
        name: "\n".join(difflib.unified_diff(small[name], large[name], lineterm=""))
        for name in small
        if len(large[name]) != len(small[name])
    }
    assert not grows, "queries differ between 5 and 500 rows:\n" + "\n\n".join(
        f"{name}:\n{diff}" for name, diff in grows.items()
    )
    too_many = {
        name: len(queries)
        for name, queries in large.items()
        if len(queries) > BUDGET.get(name, MAX_QUERIES)
    }
    assert too_many == {}, "more queries than the page's budget"


@pytest.mark.skipif(not ON_POSTGRES, reason="a PostgreSQL setting (DATABASE_URL)")
def test_postgresql_connections_compile_no_query_plans():
    # With statistics stale after a bulk write, JIT compilation took 77 ms on the dashboard's
    # 17 ms risk-order query at N=1: every connection of Accord turns it off.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
