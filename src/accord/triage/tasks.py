from huey.contrib.djhuey import db_task


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
