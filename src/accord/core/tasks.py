"""The consumer's own housekeeping: the sweeps that pick up pending and abandoned work."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

logger = logging.getLogger("accord.work")


@db_periodic_task(crontab(minute="*"))
def work_sweep_periodically() -> None:
    from .work import sweeps_run

    sweeps_run()


@db_task()
def work_sweep() -> dict:
    from .work import sweeps_run

    return sweeps_run()


@on_startup()
def sweep_after_start() -> None:
    """Pick up what a previous consumer left: now, and once its claims have gone stale."""
    from .work import stale_after_default

    try:
        work_sweep()
        work_sweep.schedule(delay=stale_after_default().total_seconds() + 1)
    except Exception:  # noqa: BLE001 - the periodic sweep runs anyway
        logger.warning("could not schedule the start-up sweep", exc_info=True)
