"""The refined reading: the sentence encoder re-reads stored messages after the fast reading.

These tests run the real encoder (a second to load, ~25 ms a message), so they read few texts."""

import hashlib

import pytest
from django.utils import timezone

from accord.communications.models import Interaction
from accord.triage import training
from accord.triage.catalogue import LABELS
from accord.triage.engine import classify_many, is_refined_version, load_model
from accord.triage.models import TriageResult
from accord.triage.services import (
    interactions_triage_now,
    interactions_triage_refine,
    triage_correct,
)

THREAT = "Сроки сорваны уже второй раз, если не сдадите к пятнице — расторгаем договор!"


def _message(workspace, text):
    return Interaction.objects.create(
        workspace=workspace,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        body_text=text,
    )


def test_both_readings_give_calibrated_scores_and_tell_themselves_apart():
    texts = [THREAT, "Thanks, the invoice is paid.", ""]

    fast = classify_many(texts)
    refined = classify_many(texts, refined=True)

    assert [r.is_refined for r in fast] == [False] * 3
    assert [r.is_refined for r in refined] == [True] * 3
    assert refined[0].model_version == fast[0].model_version + "+e5"
    assert "escalation_threat" in refined[0].labels and refined[1].labels == []
    assert refined[2].labels == [] and refined[2].lang == "unknown"
    assert all(0.0 <= value <= 1.0 for r in refined for value in r.scores.values())
    assert set(refined[0].scores) == set(LABELS)


def test_refined_reading_on_a_held_out_sample():
    """An eighth of the held-out messages (the encoder reads ~140 texts here, not all 1,039): the
    refined reading keeps its quality on messages it never saw. The sample is picked by a hash of
    the id, so messages added to the corpus join it without shifting the others out (every eighth
    message in file order was a different sample after each addition)."""
    _train, heldout = training.split_corpus(training.load_corpus())
    sample = [
        row
        for row in heldout
        if int(hashlib.sha1(f"sample:{row['id']}".encode()).hexdigest(), 16) % 8 == 0
    ]

    fast = training.evaluate(
        sample, classify_many([r["text"] for r in sample], with_evidence=False)
    )
    refined = training.evaluate(
        sample, classify_many([r["text"] for r in sample], with_evidence=False, refined=True)
    )

    print(
        f"\nheld-out sample ({len(sample)}): fast {fast.macro_f1:.3f}, refined {refined.macro_f1:.3f}"
    )
    assert refined.macro_f1 >= REFINED_SAMPLE_FLOOR, refined.macro_f1
    assert refined.macro_f1 >= fast.macro_f1
    assert refined.tone_accuracy >= 0.85 and refined.urgency_accuracy >= 0.9


# The packaged model reaches 0.877 on the sample (the one before the *-m files 0.868).
REFINED_SAMPLE_FLOOR = 0.86


@pytest.mark.django_db
def test_refine_replaces_the_fast_result_once_and_leaves_corrections(workspace, member):
    threat, corrected = _message(workspace, THREAT), _message(workspace, "Please see attached.")
    interactions_triage_now(interaction_ids=[threat.pk, corrected.pk])
    triage_correct(interaction=corrected, actor=member.user, labels=["no_feedback"])
    fast_version = TriageResult.objects.get(interaction=threat).model_version

    refined = interactions_triage_refine(interaction_ids=[threat.pk, corrected.pk])
    again = interactions_triage_refine(interaction_ids=[threat.pk, corrected.pk])

    threat_result = TriageResult.objects.get(interaction=threat)
    corrected_result = TriageResult.objects.get(interaction=corrected)
    assert [row.interaction_id for row in refined] == [threat.pk] and again == []
    assert threat_result.model_version == fast_version + "+e5"
    assert is_refined_version(threat_result.model_version)
    assert "escalation_threat" in threat_result.labels
    assert corrected_result.labels == ["no_feedback"]
    assert corrected_result.model_version == fast_version


@pytest.mark.django_db
def test_the_refined_reading_is_queued_after_the_fast_one(
    workspace, settings, django_capture_on_commit_callbacks
):
    settings.ACCORD_TRIAGE_REFINE = True
    message = _message(workspace, THREAT)

    with django_capture_on_commit_callbacks(execute=True):
        interactions_triage_now(interaction_ids=[message.pk])

    assert is_refined_version(TriageResult.objects.get(interaction=message).model_version)


def test_the_packaged_model_has_both_readings_with_calibration():
    model = load_model()

    for reading in (model, model["refined"]):
        assert set(reading["calibration"]) == set(LABELS)
        assert all(
            reading["case_open_thresholds"][label] >= reading["thresholds"][label]
            for label in LABELS
        )


def test_each_reading_opens_cases_at_its_own_thresholds():
    from accord.situations.thresholds import case_open_thresholds

    model = load_model()

    fast = case_open_thresholds(model_version=model["version"])
    refined = case_open_thresholds(model_version=model["version"] + "+e5")

    for limits, reading in ((fast, model), (refined, model["refined"])):
        assert limits == {
            label: max(reading["case_open_thresholds"][label], reading["thresholds"][label])
            for label in LABELS
        }
    assert fast != refined
