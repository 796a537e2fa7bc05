from huey.contrib.djhuey import db_task


@db_task(retries=2, retry_delay=10)
def interactions_triage(interaction_ids: list[int]) -> int:
    """Triage new inbound messages; safe to repeat (results are updated in place)."""
    from .services import interactions_triage_now

    return len(interactions_triage_now(interaction_ids=interaction_ids))
