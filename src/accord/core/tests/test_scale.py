"""The generated workspace of ``accord demo --scale N``: counts, realism, one run only."""

import pytest
from click.testing import CliRunner
from django.apps import apps

from accord.agreements.models import Agreement, Commitment
from accord.cli import cli
from accord.clients.models import Client, ContactEmail
from accord.communications.models import Interaction
from accord.core.scale import ScaleExists, scale_counts, scale_generate
from accord.meetings.models import Meeting
from accord.projects.models import Project
from accord.situations.models import OPEN_STATUSES, Case
from accord.triage.models import TriageResult
from accord.workspaces.models import Workspace

SCALE = 0.003


def test_counts_scale_linearly_and_every_client_gets_a_project():
    assert scale_counts(1)["interactions"] == 1_000_000
    assert scale_counts(0.1)["projects"] == 300
    tiny = scale_counts(0.0001)
    assert tiny["clients"] == 1 and tiny["projects"] >= tiny["clients"]
    with pytest.raises(ValueError):
        scale_counts(0)


@pytest.mark.django_db
def test_generated_workspace_looks_like_client_work():
    counts = scale_counts(SCALE)
    progressed = []

    workspace, written = scale_generate(SCALE, progress=progressed.append)

    assert sum(progressed) == sum(counts.values())
    assert Client.objects.filter(workspace=workspace).count() == counts["clients"]
    assert Project.objects.filter(workspace=workspace).count() == counts["projects"]
    assert Interaction.objects.filter(workspace=workspace).count() == counts["interactions"]
    assert Agreement.objects.filter(workspace=workspace).count() == counts["agreements"]
    assert Commitment.objects.filter(workspace=workspace).count() == counts["commitments"]
    assert Case.objects.filter(workspace=workspace).count() == counts["cases"]
    assert Meeting.objects.filter(workspace=workspace).count() == counts["meetings"]
    assert written["communications.Interaction"] == counts["interactions"]
    invoices = apps.get_model("billing.Invoice").objects.filter(workspace=workspace)
    assert invoices.count() == counts["invoices"]
    # Paid amounts are backed by payments; open invoices past their date exist.
    for invoice in invoices.filter(amount_paid__gt=0).prefetch_related("payments"):
        assert sum(payment.amount for payment in invoice.payments.all()) == invoice.amount_paid
    # Three languages, every project with its own log.
    assert set(Client.objects.values_list("language", flat=True)) == {"ru", "pl", "en"}
    assert not Project.objects.filter(workspace=workspace, interactions__isnull=True).exists()
    # Threads: replies quote the message they answer and point at it.
    reply = Interaction.objects.filter(workspace=workspace).exclude(in_reply_to="").first()
    parent = Interaction.objects.get(workspace=workspace, message_id=reply.in_reply_to)
    assert reply.thread_key == parent.thread_key and reply.occurred_at >= parent.occurred_at
    assert parent.body_text.splitlines()[0] in reply.quoted_text
    assert reply.raw and reply.message_id.encode() in bytes(reply.raw)
    # Triage results for client messages only, evidence taken from the message itself.
    assert not TriageResult.objects.filter(interaction__direction="out").exists()
    inbound = Interaction.objects.filter(workspace=workspace, direction="in")
    assert TriageResult.objects.filter(workspace=workspace).count() == inbound.count()
    # ... and marked as read, so the task consumer does not triage them again.
    assert not inbound.exclude(triage_state="done").exists()
    assert not Interaction.objects.filter(direction="out").exclude(triage_state="").exists()
    flagged = TriageResult.objects.exclude(labels=[]).select_related("interaction").first()
    assert flagged.evidence[0]["text"] in flagged.interaction.body_text
    assert flagged.evidence[0]["label"] in flagged.labels
    # The one-open-case-per-situation rule holds; mail matches one contact per address.
    open_cases = Case.objects.filter(workspace=workspace, status__in=OPEN_STATUSES)
    assert open_cases.count() == len(set(open_cases.values_list("project", "situation")))
    assert ContactEmail.objects.values("address").distinct().count() == ContactEmail.objects.count()
    # Every project has its health score, as in a workspace the daily recomputation has seen.
    scored = apps.get_model("health.ProjectHealth").objects.filter(workspace=workspace)
    assert scored.count() == counts["projects"]
    assert len(set(scored.values_list("band", flat=True))) > 1
    # New rows after the bulk load get fresh keys.
    assert Client.objects.create(workspace=workspace, name="Fresh").pk > max(
        Client.objects.exclude(name="Fresh").values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_generating_twice_refuses_and_keeps_the_first():
    scale_generate(0.0005)
    with pytest.raises(ScaleExists):
        scale_generate(0.0005)
    assert Workspace.objects.filter(slug="scale").count() == 1


@pytest.mark.django_db(transaction=True)
def test_cli_reports_rows_and_time():
    result = CliRunner().invoke(cli, ["demo", "--scale", "0.0005"])

    assert result.exit_code == 0, result.output
    assert "communications.Interaction: 500" in result.output
    assert "rows in" in result.output
    again = CliRunner().invoke(cli, ["demo", "--scale", "0.0005"])
    assert again.exit_code != 0 and "already there" in again.output
