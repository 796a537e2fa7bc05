"""Triage opens cases only when it is sure; corrections undo what a wrong label did; apologies
wait for a person."""

import datetime
import json
from pathlib import Path

import pytest
from django.utils import timezone

from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.models import Interaction
from accord.core.errors import DomainError
from accord.projects.tests.factories import ProjectFactory
from accord.situations import services, thresholds
from accord.situations.models import Case, CaseSuggestion
from accord.triage.models import TriageResult
from accord.triage.services import triage_correct

HELDOUT = Path(__file__).resolve().parents[4] / "data" / "triage" / "heldout.jsonl"


@pytest.fixture
def project(member):
    return ProjectFactory(client=ClientFactory(workspace=member.workspace, language="en"))


@pytest.fixture
def contact(project):
    return ContactFactory(client=project.client, name="Olivia Parker")


def _call_note(project, contact, text="Call with Olivia: agreed the demo for Thursday."):
    return Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="call",
        direction="in",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        body_text=text,
        sender_contact=contact,
    )


@pytest.mark.django_db
def test_an_unsure_label_suggests_a_case_and_a_sure_one_opens_it(project, contact):
    message = _call_note(project, contact)
    limits = thresholds.case_open_thresholds()

    opened = services.cases_open_from_triage(
        interaction=message,
        labels=["deadline_risk", "no_feedback"],
        tone="neutral",
        urgency="normal",
        scores={
            "deadline_risk": limits["deadline_risk"] - 0.05,
            "no_feedback": limits["no_feedback"] + 0.05,
        },
    )

    assert [case.situation for case in opened] == ["no_feedback"]
    assert opened[0].opened_automatically and opened[0].confirmed_at is None
    suggestion = CaseSuggestion.objects.get()
    assert (suggestion.situation, suggestion.status) == ("deadline_risk", "open")
    assert not Case.objects.filter(situation="deadline_risk").exists()


@pytest.mark.django_db
def test_a_person_accepts_a_suggestion_and_the_case_is_confirmed(
    project, contact, member_client, member, project_page
):
    message = _call_note(project, contact)
    services.cases_open_from_triage(
        interaction=message,
        labels=["deadline_risk"],
        tone="neutral",
        urgency="normal",
        scores={"deadline_risk": 0.2},
    )
    suggestion = CaseSuggestion.objects.get()
    page = project_page(member_client, project)
    assert f"/cases/suggestions/{suggestion.pk}/" in page

    response = member_client.post(f"/cases/suggestions/{suggestion.pk}/", {"decision": "accept"})

    case = Case.objects.get(situation="deadline_risk")
    suggestion.refresh_from_db()
    assert response.status_code == 302 and suggestion.case == case
    assert case.confirmed_by == member.user and list(case.interactions.all()) == [message]


@pytest.mark.django_db
def test_thresholds_come_from_the_model_metadata_never_below_display(monkeypatch):
    from accord.triage import engine

    model = dict(engine.load_model())
    model["case_open_thresholds"] = {"deadline_risk": 0.8, "conflict": 0.01}
    monkeypatch.setattr(engine, "load_model", lambda: model)

    limits = thresholds.case_open_thresholds()

    assert limits["deadline_risk"] == 0.8
    assert limits["conflict"] == float(model["thresholds"]["conflict"])  # not below display
    assert limits["payment_issue"] == thresholds.DEFAULT_CASE_OPEN_THRESHOLD


@pytest.mark.django_db
def test_an_apology_waits_until_a_person_confirms_the_situation(project, contact, member):
    message = _call_note(project, contact, "We are furious, this is unacceptable.")
    case, _created = services.case_open(
        project=project,
        situation="escalation_threat",
        actor=None,
        interaction=message,
        automatic=True,
    )

    with pytest.raises(DomainError):
        services.case_draft_create(case=case, actor=member.user)
    assert not case.drafts.exists()

    services.case_confirm(case=case, actor=member.user)
    draft = services.case_draft_create(case=case, actor=member.user)
    assert draft.body


@pytest.mark.django_db
def test_a_case_opened_by_hand_is_confirmed_and_drafts_at_once(project, member):
    case, _created = services.case_open(
        project=project, situation="quality_complaint", actor=member.user
    )
    assert case.confirmed_at is not None
    assert services.case_draft_create(case=case, actor=member.user).body


@pytest.mark.django_db
def test_the_case_page_asks_for_confirmation_before_drafting(project, contact, member_client):
    message = _call_note(project, contact)
    case, _created = services.case_open(
        project=project, situation="deadline_risk", actor=None, interaction=message, automatic=True
    )
    page = member_client.get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/confirm/" in page and f"/cases/{case.pk}/drafts/" not in page

    member_client.post(f"/cases/{case.pk}/drafts/")
    assert not case.drafts.exists()
    member_client.post(f"/cases/{case.pk}/confirm/")
    member_client.post(f"/cases/{case.pk}/drafts/")
    assert case.drafts.count() == 1


def _triaged(project, contact, labels):
    """A message triage read with sure labels (above every case threshold, at most 0.95)."""
    message = _call_note(project, contact)
    TriageResult.objects.create(
        workspace=project.workspace,
        interaction=message,
        labels=labels,
        scores=dict.fromkeys(labels, 0.99),
        tone="neutral",
        urgency="normal",
        lang="en",
        evidence=[{"label": label, "text": "agreed the demo"} for label in labels],
        model_version="test",
    )
    services.cases_open_from_triage(
        interaction=message,
        labels=labels,
        tone="neutral",
        urgency="normal",
        scores=dict.fromkeys(labels, 0.99),
    )
    return message


@pytest.mark.django_db
def test_a_label_correction_closes_untouched_cases_only_that_label_opened(project, contact, member):
    message = _triaged(project, contact, ["deadline_risk", "no_feedback"])
    assert Case.objects.filter(status="open").count() == 2

    correction = triage_correct(interaction=message, actor=member.user, labels=[])

    message.triage.refresh_from_db()
    assert message.triage.evidence == [] and message.triage.labels == []
    assert Case.objects.filter(status="open").count() == 0
    assert {case.situation for case in correction.cases_changed["closed"]} == {
        "deadline_risk",
        "no_feedback",
    }
    for case in Case.objects.all():
        assert not case.interactions.exists() and case.resolution_summary


@pytest.mark.django_db
def test_a_correction_offers_to_close_a_case_someone_worked_on(project, contact, member):
    message = _triaged(project, contact, ["deadline_risk"])
    case = Case.objects.get()
    services.case_step_toggle(step=case.steps.first(), actor=member.user)

    correction = triage_correct(interaction=message, actor=member.user, labels=[])

    case.refresh_from_db()
    assert case.status == "open" and case.closing_suggested
    assert correction.cases_changed["offered"] == [case]
    assert not case.interactions.exists()


@pytest.mark.django_db
def test_a_correction_keeps_a_case_other_messages_support(project, contact, member):
    first = _triaged(project, contact, ["deadline_risk"])
    _triaged(project, contact, ["deadline_risk"])
    case = Case.objects.get()

    triage_correct(interaction=first, actor=member.user, labels=[])

    case.refresh_from_db()
    assert case.status == "open" and not case.closing_suggested
    assert case.interactions.count() == 1


def test_case_thresholds_are_surer_than_the_display_thresholds_on_held_out_messages():
    """The documented figures: auto-opened labels are right far more often, and far fewer
    routine messages open a case, than at the display thresholds."""
    from accord.triage.engine import classify_many, load_model

    rows = [json.loads(line) for line in HELDOUT.read_text().splitlines() if line.strip()]
    results = classify_many([row["text"] for row in rows])
    display = load_model()["thresholds"]
    # chosen on out-of-fold predictions of the training part, never on these messages
    limits = thresholds.case_open_thresholds()

    def measure(level):
        right = wrong = routine = 0
        for row, result in zip(rows, results, strict=True):
            chosen = [label for label in result.labels if result.scores[label] >= level[label]]
            right += sum(label in row["labels"] for label in chosen)
            wrong += sum(label not in row["labels"] for label in chosen)
            routine += bool(chosen) and not row["labels"]
        return right / max(1, right + wrong), routine

    display_precision, display_routine = measure({k: float(v) for k, v in display.items()})
    case_precision, case_routine = measure(limits)
    print(
        f"auto-open precision {display_precision:.3f} -> {case_precision:.3f}, "
        f"routine messages opening a case {display_routine} -> {case_routine}"
    )
    # 0.940 on the held-out split for the fast reading (its thresholds aim at 0.95 out of fold)
    assert case_precision >= 0.93 and case_precision > display_precision
    assert case_routine <= display_routine / 3
