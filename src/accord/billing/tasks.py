from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="10"))
def dunning_run_periodically() -> None:
    """Every hour: each late invoice's ladder step, at most once (safe to run twice at once)."""
    from .dunning import dunning_run

    dunning_run()
