"""Triage use cases: classify stored messages, keep results, take corrections."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from accord.core.errors import DomainError
from accord.core.events import acting_user
from accord.core.hooks import app_modules

from .catalogue import LABELS
from .engine import REFINED_SUFFIX, classify_many, clean_text, has_refined_path
from .models import TriageCorrection, TriageResult

BATCH_SIZE = 200


def _triage_queue():
    from accord.communications.models import Interaction
    from accord.core.work import WorkQueue

    return WorkQueue(Interaction, prefix="triage_", max_attempts=lambda: 3)


def interactions_triage_later(*, interaction_ids: list[int] | None = None) -> None:
    """Queue triage of stored inbound messages (all pending ones when ``interaction_ids`` is None).

    The messages are already *pending* in the database, so a queue that is unreachable or a
    consumer that dies loses nothing: the periodic sweep triages them.
    """
    import logging

    from .tasks import interactions_triage, triage_pending

    try:
        if interaction_ids is None:
            triage_pending()
        elif interaction_ids:
            interactions_triage(list(interaction_ids))
    except Exception:  # noqa: BLE001 - the state is in the database; the sweep will do it
        logging.getLogger(__name__).warning("triage: could not queue; the sweep will triage them")


def interactions_triage_now(
    *, interaction_ids: list[int] | None = None, limit: int = BATCH_SIZE
) -> list[TriageResult]:
    """Triage pending inbound messages (of ``interaction_ids``, or any): exactly once each."""
    return _triage_batch(interaction_ids=interaction_ids, limit=limit)[1]


def _triage_batch(
    *, interaction_ids: list[int] | None, limit: int
) -> tuple[int, list[TriageResult]]:
    """(messages claimed, results stored) for one batch.

    Claims the messages first (accord.core.work), so two workers never triage the same one and a
    repeated call does nothing for messages already done; each result is written in the same
    transaction that marks its message done, and only while this worker's claim still holds.
    """
    from accord.communications.models import Interaction
    from accord.situations.services import cases_open_from_triage

    queue = _triage_queue()
    inbound = Interaction.objects.filter(direction="in")
    claim = queue.claim(
        ids=interaction_ids,
        queryset=inbound,
        limit=len(set(interaction_ids)) if interaction_ids is not None else limit,
    )
    if not claim:
        return 0, []
    interactions = list(inbound.filter(pk__in=claim.ids).select_related("project"))
    try:
        results = classify_many([item.body_text for item in interactions])
    except Exception as error:  # noqa: BLE001 - recorded on every message of the batch
        for interaction in interactions:
            queue.fail(interaction.pk, claim.token, f"{error.__class__.__name__}: {error}")
        raise
    stored = []
    for interaction, result in zip(interactions, results, strict=True):
        try:
            with transaction.atomic():
                if not queue.finish(interaction.pk, claim.token):
                    continue  # another worker took it over after our claim went stale
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
                    model_version=result.model_version,
                )
                # Apps that act on a read message (billing links invoices and promises to pay)
                # define ``<app>/followups.py`` with ``interaction_triaged(interaction, labels)``.
                for module in app_modules("followups"):
                    module.interaction_triaged(interaction=interaction, labels=result.labels)
        except Exception as error:  # noqa: BLE001 - one bad message never stops the batch
            queue.fail(interaction.pk, claim.token, f"{error.__class__.__name__}: {error}")
            continue
        stored.append(row)
    interactions_triage_refine_later(interaction_ids=[row.interaction_id for row in stored])
    return len(claim.ids), stored


def interactions_triage_refine_later(*, interaction_ids: list[int]) -> None:
    """Queue the encoder's second reading of freshly triaged messages (when it is switched on:
    ``ACCORD_TRIAGE_REFINE``). The fast reading is already stored, so a lost task only leaves
    the fast result; ``accord triage refine`` catches up."""
    import logging

    from .tasks import interactions_triage_refine as refine_task

    if not interaction_ids or not settings.ACCORD_TRIAGE_REFINE or not has_refined_path():
        return
    try:
        transaction.on_commit(lambda: refine_task(list(interaction_ids)))
    except Exception:  # noqa: BLE001 - the fast result stands; the refine sweep will do it
        logging.getLogger(__name__).warning("triage: could not queue the refined reading")


def interactions_triage_refine(
    *, interaction_ids: list[int] | None = None, limit: int = BATCH_SIZE
) -> list[TriageResult]:
    """Read stored results again with the sentence encoder and keep the refined reading.

    Only results of the fast reading that no person corrected are touched; a label the refined
    reading adds opens a case or a suggestion like any triage label, a label it drops stops the
    message being evidence of that situation (as a correction would). Safe to repeat and to run
    from two workers: each result is locked and re-checked before it is replaced."""
    from accord.situations.services import cases_after_label_correction, cases_open_from_triage

    if not has_refined_path():
        return []
    pending = (
        TriageResult.objects.exclude(model_version__endswith=REFINED_SUFFIX)
        .filter(interaction__triage_corrections__isnull=True)
        .select_related("interaction__project")
        .order_by("pk")
    )
    if interaction_ids is not None:
        pending = pending.filter(interaction_id__in=interaction_ids)
    rows = list(pending[:limit])
    if not rows:
        return []
    readings = classify_many([row.interaction.body_text for row in rows], refined=True)
    refined = []
    for row, reading in zip(rows, readings, strict=True):
        with transaction.atomic():
            current = (
                TriageResult.objects.select_for_update()
                .filter(pk=row.pk, model_version=row.model_version)
                .first()
            )
            if (
                current is None
                or TriageCorrection.objects.filter(interaction_id=row.interaction_id).exists()
            ):
                continue  # refined or corrected meanwhile
            added = [label for label in reading.labels if label not in current.labels]
            removed = [label for label in current.labels if label not in reading.labels]
            current.labels = reading.labels
            current.scores = reading.scores
            current.tone = reading.tone
            current.urgency = reading.urgency
            current.evidence = [{"label": e.label, "text": e.text} for e in reading.evidence]
            current.model_version = reading.model_version
            current.save(
                update_fields=["labels", "scores", "tone", "urgency", "evidence", "model_version"]
            )
            if added:
                cases_open_from_triage(
                    interaction=row.interaction,
                    labels=added,
                    tone=reading.tone,
                    urgency=reading.urgency,
                    scores=reading.scores,
                    model_version=reading.model_version,
                )
            if removed:
                cases_after_label_correction(
                    interaction=row.interaction, removed=removed, actor=None
                )
        refined.append(current)
    return refined


def interactions_triage_pending(
    *, batch: int = BATCH_SIZE, limit: int | None = None, interaction_ids: list[int] | None = None
) -> int:
    """Triage everything pending (or abandoned by a dead worker), batch by batch; returns the count.

    Safe to run from several workers at once and to repeat.
    """
    done = 0
    ids = list(interaction_ids) if interaction_ids is not None else None
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        if ids is not None:
            chunk, ids = ids[:size], ids[size:]
            if not chunk:
                break
            done += len(interactions_triage_now(interaction_ids=chunk))
            continue
        claimed, stored = _triage_batch(interaction_ids=None, limit=size)
        if not claimed:
            break
        done += len(stored)
    return done


def triage_counts() -> dict[str, int]:
    from accord.communications.models import Interaction

    return _triage_queue().counts(Interaction.objects.filter(direction="in"))


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
