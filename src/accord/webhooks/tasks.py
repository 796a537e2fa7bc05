from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def webhook_deliver(delivery_id: int) -> str:
    """Send one delivery now; a failure is retried by the sweep after its backoff."""
    from .services import webhook_deliver as deliver

    return deliver(delivery_id)


@db_periodic_task(crontab(minute="*"))
def webhook_sweep() -> None:
    """Retries that are due, and deliveries of a consumer that died."""
    from .services import webhook_flush

    webhook_flush()


@db_periodic_task(crontab(minute="17"))
def webhook_commitments_overdue() -> None:
    from .services import commitments_overdue_emit

    commitments_overdue_emit()
