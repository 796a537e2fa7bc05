from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/15"))
def minutes_follow_up() -> None:
    """Raise missing-minutes reminders and close objection windows; safe to repeat."""
    from .services import minutes_objections_process, minutes_reminders_raise

    minutes_reminders_raise()
    minutes_objections_process()
