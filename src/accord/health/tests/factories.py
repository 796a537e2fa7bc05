"""Constructed data for health: a project with nothing wrong, and one helper per signal."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.clients.tests.factories import ContactFactory
from accord.communications.models import Interaction
from accord.projects.tests.factories import ContractFactory, MilestoneFactory, ProjectFactory


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def healthy_project(**kwargs):
    """Rules of cooperation agreed, both sides with future tasks, nothing overdue: score 100."""
    project = ProjectFactory(**kwargs)
    ContractFactory(
        project=project,
        meeting_cadence="weekly",
        documentation_list="Specification\nTest report",
        escalation_path="PM -> sponsor -> mediator",
    )
    future = timezone.localdate() + datetime.timedelta(days=30)
    CommitmentFactory(project=project, side="ours", due_date=future)
    CommitmentFactory(project=project, side="client", due_date=future)
    MilestoneFactory(project=project, planned_date=future)
    return project


def message(project, *, direction="in", days=1, subject="Hello", tone=None):
    interaction = Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction=direction,
        occurred_at=days_ago(days),
        subject=subject,
    )
    if tone is not None:
        from accord.triage.models import TriageResult

        TriageResult.objects.create(
            workspace=project.workspace,
            interaction=interaction,
            labels=[],
            tone=tone,
            urgency="normal",
            lang="en",
            model_version="test",
        )
    return interaction


def add_negative_tone(project, dose=1):
    for index in range(dose):
        message(project, days=2 + index, subject=f"Unhappy {index}", tone="negative")
        message(project, direction="out", days=1, subject=f"Re: Unhappy {index}")


def add_open_case(project, dose=1):
    from accord.situations.services import case_open

    severities = ["medium", "high", "critical"]
    situations = ["conflict", "quality_complaint", "escalation_threat"]
    for index in range(dose):
        case_open(
            project=project, situation=situations[index], severity=severities[index], actor=None
        )


def add_client_overdue(project, dose=1):
    for index in range(dose):
        CommitmentFactory(
            project=project,
            side="client",
            title=f"Send test data {index}",
            due_date=timezone.localdate() - datetime.timedelta(days=5 + index),
        )


def add_overdue_invoice(project, dose=1):
    from accord.billing.tests.factories import InvoiceFactory

    for index in range(dose):
        issued = timezone.localdate() - datetime.timedelta(days=30 + 10 * index)
        InvoiceFactory(project=project, issue_date=issued, due_date=issued + datetime.timedelta(14))


def add_our_overdue(project, dose=1):
    for index in range(dose):
        CommitmentFactory(
            project=project,
            side="ours",
            title=f"Deliver mockups {index}",
            due_date=timezone.localdate() - datetime.timedelta(days=5 + index),
        )


def add_reversal(project, dose=1):
    for index in range(dose):
        AgreementFactory(
            project=project,
            title=f"Use the blue theme {index}",
            status="reversed",
            reversed_at=timezone.now(),
        )


def add_silence(project, dose=1):
    message(project, direction="in", days=40, subject="Question")
    message(project, direction="out", days=6 * dose, subject="Our answer, waiting for yours")


def add_response_breach(project, dose=1):
    for index in range(dose):
        message(project, direction="in", days=5 + index, subject=f"Where is the build {index}?")


def add_missed_milestone(project, dose=1):
    for index in range(dose):
        MilestoneFactory(
            project=project,
            name=f"Beta {index}",
            planned_date=timezone.localdate() - datetime.timedelta(days=3 + index),
        )


def add_low_feedback(project, dose=1):
    from accord.feedback.models import SurveyResponse
    from accord.feedback.tests.factories import SurveyFactory

    contact = ContactFactory(client=project.client)
    for _ in range(dose):
        survey = SurveyFactory(project=project, contact=contact, answered_at=timezone.now())
        SurveyResponse.objects.create(
            workspace=project.workspace, survey=survey, score=1, answered_at=timezone.now()
        )


def add_missing_minutes(project, dose=1):
    from accord.meetings.models import Meeting

    for index in range(dose):
        Meeting.objects.create(
            workspace=project.workspace,
            project=project,
            title=f"Weekly call {index}",
            starts_at=days_ago(3 + index),
            status="held",
            held_at=days_ago(3 + index),
        )


def add_incomplete_setup(project, dose=1):
    contract = project.contract
    contract.meeting_cadence = ""
    if dose > 1:
        contract.escalation_path = ""
    contract.save()


BUILDERS = {
    "negative_tone_trend": add_negative_tone,
    "open_cases": add_open_case,
    "client_overdue_commitments": add_client_overdue,
    "our_overdue_commitments": add_our_overdue,
    "overdue_invoices": add_overdue_invoice,
    "reversed_agreements": add_reversal,
    "client_silence": add_silence,
    "response_time_breaches": add_response_breach,
    "milestones_at_risk": add_missed_milestone,
    "low_feedback_scores": add_low_feedback,
    "missing_minutes": add_missing_minutes,
    "incomplete_setup": add_incomplete_setup,
}
