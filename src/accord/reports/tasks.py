from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="40", hour="6"))
def status_reports_send_due() -> None:
    """Send the status reports that are due today (weekly by default); safe to repeat."""
    from .services import status_reports_send_due as send_due

    send_due()
