import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.communications.models import Interaction
from accord.projects.tests.factories import ProjectFactory
from accord.triage.models import TriageResult
from accord.triage.selectors import label_counts_for_project

pytestmark = pytest.mark.django_db


def _message(project, labels: list[str]) -> None:
    interaction = Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Re: plan",
        body_text="Text",
    )
    TriageResult.objects.create(
        workspace=project.workspace,
        interaction=interaction,
        labels=labels,
        tone="neutral",
        urgency="low",
        lang="en",
        model_version="test",
    )


def test_label_counts_are_counted_in_one_query_most_frequent_first():
    project = ProjectFactory()
    other = ProjectFactory(workspace=project.workspace, client=project.client)
    _message(project, ["scope_creep", "urgent_pressure"])
    _message(project, ["scope_creep"])
    _message(project, [])
    _message(project, ["payment_delay", "scope_creep"])
    _message(other, ["payment_delay", "payment_delay"])

    with CaptureQueriesContext(connection) as queries:
        counts = label_counts_for_project(project=project)
    assert counts == [("scope_creep", 3), ("payment_delay", 1), ("urgent_pressure", 1)]
    assert len(queries) == 1
    assert label_counts_for_project(project=ProjectFactory()) == []
