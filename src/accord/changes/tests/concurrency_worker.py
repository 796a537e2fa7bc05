"""A separate process creating change requests against the test database (PostgreSQL).

Started with multiprocessing's "spawn" so it is a fresh interpreter with its own connection.
"""

from __future__ import annotations

import os


def create_changes(
    environment: dict[str, str], project_id: int, user_id: int, count: int, barrier, results
) -> None:
    """Create ``count`` change requests, each one started in step with the other process."""
    os.environ.update(environment)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from accord.changes.services import change_request_create
    from accord.projects.models import Project

    project = Project.objects.select_related("workspace", "client").get(pk=project_id)
    actor = get_user_model().objects.get(pk=user_id)
    made: list[int | str] = []
    try:
        for index in range(count):
            barrier.wait(timeout=60)
            change = change_request_create(
                project=project, actor=actor, title=f"Change {index}", description="Please add it"
            )
            made.append(change.workspace_number)
    except Exception as error:
        # Report the failure at once (and free the other process) rather than time out.
        barrier.abort()
        made.append(repr(error))
    connection.close()
    results.put(made)
