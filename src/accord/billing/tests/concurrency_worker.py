"""A separate process running the dunning scheduler against the test database (PostgreSQL).

Started with multiprocessing's "spawn" so it is a fresh interpreter with its own connection.
"""

from __future__ import annotations

import datetime
import os


def _setup(environment: dict[str, str]) -> None:
    os.environ.update(environment)
    import django

    django.setup()


def scheduler_days(
    environment: dict[str, str], first_day: str, count: int, runs_per_day: int, barrier, results
) -> None:
    """Run the scheduler ``runs_per_day`` times on each day, in step with the other process."""
    _setup(environment)
    from django.db import connection

    from accord.billing.dunning import dunning_run

    done = 0
    start = datetime.date.fromisoformat(first_day)
    for offset in range(count):
        day = start + datetime.timedelta(days=offset)
        for _run in range(runs_per_day):
            barrier.wait(timeout=60)
            done += dunning_run(today=day).done
    connection.close()
    results.put(done)


def crash_mid_step(environment: dict[str, str], invoice_id: int, day: str) -> None:
    """Start the step due on ``day`` and die (no exception handling, no commit) half-way."""
    _setup(environment)
    from accord.billing import steps
    from accord.billing.dunning import invoice_dunning_advance

    original = steps.step_perform

    def perform_then_die(**kwargs):
        action = original(**kwargs)  # the action, the e-mail interaction and the event are written
        os._exit(17)  # ...and the process is gone before the transaction commits
        return action

    # invoice_dunning_advance imports step_perform when called, so it gets this one.
    steps.step_perform = perform_then_die
    invoice_dunning_advance(invoice_id=invoice_id, today=datetime.date.fromisoformat(day))
