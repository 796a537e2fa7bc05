"""Triage use cases: classify stored messages, keep results, take corrections."""

from __future__ import annotations

from django.db import transaction

from accord.core.errors import DomainError
from accord.core.events import acting_user
from accord.core.hooks import app_modules

from .catalogue import LABELS
from .engine import classify_many, clean_text
from .models import TriageCorrection, TriageResult


def interactions_triage_later(*, interaction_ids: list[int]) -> None:
    """Queue triage of new inbound interactions (called after the import's commit)."""
    if interaction_ids:
        from .tasks import interactions_triage

        interactions_triage(list(interaction_ids))


def interactions_triage_now(*, interaction_ids: list[int]) -> list[TriageResult]:
    """Classify, store (idempotently) and open cases for inbound messages with a project."""
    from accord.communications.models import Interaction
    from accord.situations.services import cases_open_from_triage

    interactions = list(
        Interaction.objects.filter(pk__in=interaction_ids, direction="in").select_related("project")
    )
    if not interactions:
        return []
    results = classify_many([item.body_text for item in interactions])
    stored = []
    for interaction, result in zip(interactions, results, strict=True):
        with transaction.atomic():
            row, _created = TriageResult.objects.update_or_create(
                interaction=interaction,
                defaults={
                    "workspace_id": interaction.workspace_id,
                    "labels": result.labels,
                    "scores": result.scores,
                    "tone": result.tone,
                    "urgency": result.urgency,
                    "lang": result.lang,
                    "evidence": [{"label": e.label, "text": e.text} for e in result.evidence],
                    "model_version": result.model_version,
                },
            )
            cases_open_from_triage(
                interaction=interaction,
                labels=result.labels,
                tone=result.tone,
                urgency=result.urgency,
                scores=result.scores,
            )
            # Apps that act on a read message (billing links invoices and promises to pay)
            # define ``<app>/followups.py`` with ``interaction_triaged(interaction, labels)``.
            for module in app_modules("followups"):
                module.interaction_triaged(interaction=interaction, labels=result.labels)
        stored.append(row)
    return stored


@transaction.atomic
def triage_correct(
    *, interaction, actor, labels: list[str], tone: str = "", urgency: str = ""
) -> TriageCorrection:
    unknown = set(labels) - set(LABELS)
    if unknown:
        raise DomainError(f"Unknown labels: {', '.join(sorted(unknown))}")
    correction = TriageCorrection.objects.create(
        workspace=interaction.workspace,
        interaction=interaction,
        labels=sorted(set(labels)),
        tone=tone,
        urgency=urgency,
        corrected_by=acting_user(actor),
    )
    result = getattr(interaction, "triage", None)
    removed: list[str] = []
    if result is not None:
        removed = sorted(set(result.labels) - set(labels))
        result.labels = sorted(set(labels))
        # A corrected label's evidence goes with it.
        result.evidence = [item for item in result.evidence if item.get("label") in labels]
        result.save(update_fields=["labels", "evidence"])
    from accord.situations.services import cases_after_label_correction

    correction.cases_changed = cases_after_label_correction(
        interaction=interaction, removed=removed, actor=actor
    )
    return correction


def corrections_as_training_rows() -> list[dict]:
    """Accepted corrections as extra training examples (the latest per message wins)."""
    rows, seen = [], set()
    for correction in (
        TriageCorrection.objects.filter(accepted=True)
        .select_related("interaction__triage")
        .order_by("-created_at")
    ):
        if correction.interaction_id in seen:
            continue
        seen.add(correction.interaction_id)
        previous = getattr(correction.interaction, "triage", None)
        rows.append(
            {
                "id": f"correction-{correction.pk}",
                "text": clean_text(correction.interaction.body_text),
                "labels": correction.labels,
                "tone": correction.tone or (previous.tone if previous else "neutral"),
                "urgency": correction.urgency or (previous.urgency if previous else "normal"),
            }
        )
    return rows
