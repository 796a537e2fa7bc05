import datetime

import pytest
from django.utils import timezone

from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.projects.tests.factories import ContractFactory, MilestoneFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_dashboard_lists_open_problems_of_each_side(member_client, member):
    today = timezone.localdate()
    project = ProjectFactory(
        client__workspace=member.workspace,
        name="Warehouse ERP",
        start_date=today - datetime.timedelta(days=100),
    )
    CommitmentFactory(project=project, side="client", due_date=today - datetime.timedelta(days=3))
    CommitmentFactory(project=project, side="ours", due_date=today - datetime.timedelta(days=1))
    CommitmentFactory(project=project, side="ours", due_date=today + datetime.timedelta(days=5))
    MilestoneFactory(project=project, name="Pilot", planned_date=today - datetime.timedelta(days=2))
    AgreementFactory(project=project, status="reversed")

    page = member_client.get("/").content.decode()

    assert "Warehouse ERP" in page
    assert "1 client commitment is overdue." in page
    assert "1 of our commitments is overdue." in page
    assert "Pilot" in page
    assert "reversed 1 accepted decision" in page


def test_setup_checklist_is_shown_until_rules_are_agreed(member_client, member):
    today = timezone.localdate()
    project = ProjectFactory(
        client__workspace=member.workspace, start_date=today - datetime.timedelta(days=10)
    )
    contract = ContractFactory(project=project)

    incomplete = member_client.get(f"/projects/{project.pk}/").content.decode()
    contract.meeting_cadence = "weekly"
    contract.documentation_list = "Specification\nMinutes"
    contract.escalation_path = "PMs, then directors, then a mediator"
    contract.save()
    CommitmentFactory(project=project, side="ours", due_date=today + datetime.timedelta(days=3))
    CommitmentFactory(project=project, side="client", due_date=today + datetime.timedelta(days=3))
    complete = member_client.get(f"/projects/{project.pk}/").content.decode()

    assert "Setup incomplete" in incomplete
    assert "Setup incomplete" not in complete


def test_ui_language_follows_member_choice(member_client, member):
    response = member_client.post("/language/", {"language": "pl", "next": "/"})
    page = member_client.get("/clients/").content.decode()

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "pl"
    assert "Klienci" in page


def _case(project, *, situation: str, severity: str, status: str = "open"):
    from accord.situations.models import Case

    return Case.objects.create(
        workspace=project.workspace,
        project=project,
        situation=situation,
        severity=severity,
        status=status,
    )


def _health(project, score: int):
    from accord.health.models import ProjectHealth

    return ProjectHealth.objects.create(
        workspace=project.workspace,
        project=project,
        score=score,
        band="good" if score >= 80 else "bad",
        computed_at=timezone.now(),
    )


def _dashboard_order(member_client) -> list[str]:
    response = member_client.get("/")
    return [project.name for project in response.context["overview"]["projects"]]


def test_dashboard_lists_the_project_with_the_most_severe_open_case_first(member_client, member):
    low = ProjectFactory(client__workspace=member.workspace, name="A low case")
    critical = ProjectFactory(client__workspace=member.workspace, name="Z critical case")
    high = ProjectFactory(client__workspace=member.workspace, name="M high case")
    ProjectFactory(client__workspace=member.workspace, name="B nothing open")
    _case(low, situation="conflict", severity="low")
    _case(critical, situation="conflict", severity="critical")
    _case(high, situation="conflict", severity="high")
    # A resolved critical case no longer counts.
    _case(low, situation="quality_complaint", severity="critical", status="resolved")

    order = _dashboard_order(member_client)

    assert order == ["Z critical case", "M high case", "A low case", "B nothing open"]


def test_dashboard_puts_the_lower_health_score_first_between_equal_cases(member_client, member):
    healthy = ProjectFactory(client__workspace=member.workspace, name="A healthy")
    ProjectFactory(client__workspace=member.workspace, name="B not scored yet")
    ailing = ProjectFactory(client__workspace=member.workspace, name="C ailing")
    _health(healthy, 90)
    _health(ailing, 35)

    order = _dashboard_order(member_client)

    assert order == ["C ailing", "A healthy", "B not scored yet"]


def test_dashboard_sorts_the_problems_of_a_project_by_severity(member_client, member):
    today = timezone.localdate()
    project = ProjectFactory(
        client__workspace=member.workspace, start_date=today - datetime.timedelta(days=10)
    )
    ContractFactory(project=project)  # setup incomplete: a warning
    _case(project, situation="conflict", severity="high")
    _case(project, situation="quality_complaint", severity="critical")
    MilestoneFactory(project=project, name="Pilot", planned_date=today - datetime.timedelta(days=2))

    response = member_client.get("/")
    problems = response.context["overview"]["projects"][0].problems

    assert [(problem.severity, problem.kind) for problem in problems] == [
        ("bad", "case_quality_complaint"),
        ("bad", "case_conflict"),
        ("bad", "milestone_late"),
        ("warn", "setup_incomplete"),
    ]
    page = response.content.decode()
    assert page.index("Dissatisfaction with quality") < page.index("Conflict, disagreement")
    assert page.index("Conflict, disagreement") < page.index("Pilot")


def test_dashboard_pages_through_projects_in_risk_order(member_client, member):
    from accord.projects.selectors import DASHBOARD_PROJECTS_PER_PAGE

    projects = [
        ProjectFactory(client__workspace=member.workspace, name=f"Project {index:02d}")
        for index in range(DASHBOARD_PROJECTS_PER_PAGE + 1)
    ]
    _case(projects[-1], situation="conflict", severity="critical")

    first = member_client.get("/")
    second = member_client.get("/?page=2")

    assert first.context["overview"]["projects"][0].name == projects[-1].name
    assert first.context["overview"]["project_count"] == DASHBOARD_PROJECTS_PER_PAGE + 1
    assert [project.name for project in second.context["overview"]["projects"]] == [
        projects[-2].name
    ]
