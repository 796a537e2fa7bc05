import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.health.models import ClientHealth, ProjectHealth, ProjectHealthSnapshot
from accord.health.registry import SIGNALS, Side
from accord.health.selectors import explain, project_health_explained
from accord.health.services import health_recompute
from accord.projects.tests.factories import ProjectFactory

from .factories import BUILDERS, add_client_overdue, add_reversal, healthy_project

pytestmark = pytest.mark.django_db


def _score(project) -> int:
    health_recompute(project_ids=[project.pk])
    return ProjectHealth.objects.get(project=project).score


def _finding(project, signal_id):
    health = ProjectHealth.objects.get(project=project)
    return next((item for item in health.findings if item["signal"] == signal_id), None)


def test_a_project_with_nothing_wrong_scores_100(member):
    project = healthy_project(client__workspace=member.workspace)

    assert _score(project) == 100
    assert ProjectHealth.objects.get(project=project).findings == []


def test_every_registered_signal_has_a_constructed_case():
    assert set(SIGNALS) == set(BUILDERS)


@pytest.mark.parametrize("signal_id", sorted(BUILDERS))
def test_each_signal_lowers_the_score_and_lists_its_evidence(member, signal_id):
    project = healthy_project(client__workspace=member.workspace)
    before = _score(project)

    BUILDERS[signal_id](project)
    after = _score(project)

    assert after < before
    finding = _finding(project, signal_id)
    assert finding is not None, ProjectHealth.objects.get(project=project).findings
    assert finding["points"] > 0 and finding["weight"] == SIGNALS[signal_id].weight
    assert finding["side"] == SIGNALS[signal_id].side
    assert finding["evidence"] and all(item["url"].startswith("/") for item in finding["evidence"])
    # The explanation in the viewer's language carries the same evidence.
    explained = [item for side in explain([finding]).values() for item in side]
    assert explained[0].summary and explained[0].evidence[0]["url"] == finding["evidence"][0]["url"]


@pytest.mark.parametrize(
    "signal_id",
    [
        "open_cases",
        "client_overdue_commitments",
        "our_overdue_commitments",
        "overdue_invoices",
        "reversed_agreements",
        "response_time_breaches",
        "milestones_at_risk",
        "missing_minutes",
        "incomplete_setup",
    ],
)
def test_more_of_a_signal_lowers_the_score_further(member, signal_id):
    light = healthy_project(client__workspace=member.workspace)
    heavy = healthy_project(client__workspace=member.workspace)
    BUILDERS[signal_id](light, dose=1)
    BUILDERS[signal_id](heavy, dose=2)

    health_recompute(project_ids=[light.pk, heavy.pk])

    assert (
        ProjectHealth.objects.get(project=heavy).score
        < ProjectHealth.objects.get(project=light).score
    )


def test_a_tone_getting_worse_weighs_more_than_a_steady_one(member):
    from .factories import message

    steady = healthy_project(client__workspace=member.workspace)
    worse = healthy_project(client__workspace=member.workspace)
    for project in (steady, worse):
        message(project, days=3, subject="Not happy", tone="negative")
        message(project, days=4, subject="Fine", tone="neutral")
        message(project, direction="out", days=2, subject="Re")
    message(steady, days=40, subject="Old complaint", tone="negative")
    message(steady, days=45, subject="Old fine", tone="neutral")
    message(worse, days=40, subject="Old fine", tone="positive")
    message(worse, days=45, subject="Old fine", tone="neutral")

    health_recompute(project_ids=[steady.pk, worse.pk])

    assert (
        _finding(worse, "negative_tone_trend")["points"]
        > _finding(steady, "negative_tone_trend")["points"]
    )


def test_signals_of_both_sides_are_shown_apart(member):
    project = healthy_project(client__workspace=member.workspace)
    BUILDERS["client_overdue_commitments"](project)
    BUILDERS["our_overdue_commitments"](project)
    BUILDERS["open_cases"](project)
    health_recompute(project_ids=[project.pk])

    explanation = project_health_explained(project)

    assert [item.signal for item in explanation.sides[Side.CLIENT]] == [
        "client_overdue_commitments"
    ]
    assert [item.signal for item in explanation.sides[Side.OURS]] == ["our_overdue_commitments"]
    assert [item.signal for item in explanation.sides[Side.SHARED]] == ["open_cases"]


def test_history_keeps_one_snapshot_per_day_and_a_client_score(member):
    project = healthy_project(client__workspace=member.workspace)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    health_recompute(project_ids=[project.pk], now=yesterday)
    add_client_overdue(project)
    health_recompute(project_ids=[project.pk])
    health_recompute(project_ids=[project.pk])

    snapshots = list(ProjectHealthSnapshot.objects.filter(project=project).order_by("day"))

    assert len(snapshots) == 2
    assert snapshots[0].score == 100 and snapshots[1].score < 100
    client_health = ClientHealth.objects.get(client=project.client)
    assert client_health.score == snapshots[1].score


def test_the_client_score_is_the_mean_of_its_running_projects(member):
    first = healthy_project(client__workspace=member.workspace)
    second = healthy_project(client=first.client)
    finished = healthy_project(client=first.client, status="completed")
    add_client_overdue(second, dose=3)
    add_client_overdue(finished, dose=3)

    health_recompute(workspace=member.workspace)

    scores = dict(ProjectHealth.objects.values_list("project_id", "score"))
    expected = round((scores[first.pk] + scores[second.pk]) / 2)
    assert ClientHealth.objects.get(client=first.client).score == expected


def test_difficult_client_profile_lists_the_three_facts(member):
    project = healthy_project(client__workspace=member.workspace)
    add_client_overdue(project, dose=2)
    late = CommitmentFactory(
        project=project,
        side="client",
        title="Approve the design",
        due_date=timezone.localdate() - datetime.timedelta(days=20),
        status="done",
    )
    late.done_at = timezone.now() - datetime.timedelta(days=2)
    late.save()
    add_reversal(project, dose=2)

    health_recompute(project_ids=[project.pk])

    profile = ClientHealth.objects.get(client=project.client).profile
    facts = {row["fact"]: row for row in profile["facts"]}
    assert profile["difficult"] is True
    assert facts["misses_dates"]["held"] and facts["misses_dates"]["count"] == 3
    assert facts["reverses_decisions"]["held"] and facts["reverses_decisions"]["count"] == 2
    assert facts["avoids_commitments"]["held"] is False
    assert any("Approve the design" in item["text"] for item in facts["misses_dates"]["evidence"])


def test_a_client_with_one_fact_is_not_called_difficult(member):
    project = healthy_project(client__workspace=member.workspace)
    add_reversal(project, dose=3)

    health_recompute(project_ids=[project.pk])

    assert ClientHealth.objects.get(client=project.client).profile["difficult"] is False


def test_recomputation_runs_the_same_queries_for_5_or_40_projects(member):
    def populate(count):
        for _index in range(count):
            project = healthy_project(client__workspace=member.workspace)
            for builder in BUILDERS.values():
                builder(project)

    populate(5)
    with CaptureQueriesContext(connection) as small:
        health_recompute(workspace=member.workspace)
    populate(35)
    with CaptureQueriesContext(connection) as large:
        health_recompute(workspace=member.workspace)

    assert len(large.captured_queries) <= len(small.captured_queries) + 4  # batches of 500 rows
    assert len(small.captured_queries) < 40


def test_a_change_queues_a_recomputation_after_the_commit(
    member, django_capture_on_commit_callbacks
):
    project = healthy_project(client__workspace=member.workspace)
    health_recompute(project_ids=[project.pk])

    with django_capture_on_commit_callbacks(execute=True):
        AgreementFactory(project=project, status="reversed", reversed_at=timezone.now())

    assert _finding(project, "reversed_agreements") is not None


def test_other_workspaces_are_not_touched(member):
    mine = healthy_project(client__workspace=member.workspace)
    other = ProjectFactory()

    health_recompute(workspace=member.workspace)

    assert ProjectHealth.objects.filter(project=mine).exists()
    assert not ProjectHealth.objects.filter(project=other).exists()


def test_overdue_invoices_count_as_avoided_financial_commitments(member):
    from accord.billing.tests.factories import InvoiceFactory
    from accord.situations.models import Case

    project = healthy_project(client__workspace=member.workspace)
    today = timezone.localdate()
    first = InvoiceFactory(
        project=project,
        number="FV/1",
        issue_date=today - datetime.timedelta(days=60),
        due_date=today - datetime.timedelta(days=40),
    )
    InvoiceFactory(
        project=project,
        number="FV/2",
        issue_date=today - datetime.timedelta(days=30),
        due_date=today - datetime.timedelta(days=10),
    )
    InvoiceFactory(project=project, number="NOT-DUE", issue_date=today, due_date=today)
    InvoiceFactory(
        project=project,
        number="PAID",
        issue_date=today - datetime.timedelta(days=60),
        due_date=today - datetime.timedelta(days=40),
        status="paid",
    )
    # The late invoice's payment_issue case is the same fact as the invoice, not a second one.
    case = Case.objects.create(
        workspace=project.workspace, project=project, situation="payment_issue"
    )
    first.case = case
    first.save()

    health_recompute(project_ids=[project.pk])

    facts = {
        row["fact"]: row for row in ClientHealth.objects.get(client=project.client).profile["facts"]
    }
    avoided = facts["avoids_commitments"]
    assert avoided["count"] == 2 and avoided["held"] is True
    texts = [item["text"] for item in avoided["evidence"]]
    assert texts[0].startswith("FV/1 · ") and texts[1].startswith("FV/2 · ")
    assert avoided["evidence"][0]["url"] == f"/billing/invoices/{first.pk}/"


def test_one_overdue_invoice_alone_does_not_make_the_fact(member):
    from accord.billing.tests.factories import InvoiceFactory

    project = healthy_project(client__workspace=member.workspace)
    today = timezone.localdate()
    InvoiceFactory(
        project=project,
        issue_date=today - datetime.timedelta(days=30),
        due_date=today - datetime.timedelta(days=10),
    )

    health_recompute(project_ids=[project.pk])

    facts = {
        row["fact"]: row for row in ClientHealth.objects.get(client=project.client).profile["facts"]
    }
    assert (facts["avoids_commitments"]["count"], facts["avoids_commitments"]["held"]) == (1, False)
