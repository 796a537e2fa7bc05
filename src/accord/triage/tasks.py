from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def interactions_triage(interaction_ids: list[int]) -> int:
    """Triage these stored messages, batch by batch; safe to repeat (done ones are skipped).

    No queue-level retries: a message that fails keeps its reason and is retried by the sweep.
    """
    from .services import interactions_triage_pending

    return interactions_triage_pending(interaction_ids=interaction_ids)


@db_task()
def triage_pending() -> int:
    """Triage every pending message (e.g. after an import that was interrupted and run again)."""
    from .services import interactions_triage_pending

    return interactions_triage_pending()


@db_task()
def interactions_triage_refine(interaction_ids: list[int]) -> int:
    """The sentence encoder's second reading of these triaged messages; safe to repeat."""
    from .services import interactions_triage_refine as refine

    return len(refine(interaction_ids=interaction_ids, limit=len(interaction_ids)))


@db_periodic_task(crontab(minute="40"))
def triage_refine_sweep() -> int:
    """Refine what a lost task left with only the fast reading (at most 2,000 an hour)."""
    from django.conf import settings

    from .services import interactions_triage_refine as refine

    if not settings.ACCORD_TRIAGE_REFINE:
        return 0
    done = 0
    for _batch in range(10):
        refined = refine(limit=200)
        if not refined:
            break
        done += len(refined)
    return done
