"""Two real processes numbering change requests of one workspace at once, on PostgreSQL.

SQLite's test database lives in the memory of the test process, so other processes cannot
reach it: this test needs PostgreSQL and is never skipped when DATABASE_URL names it.
"""

import multiprocessing

from accord.changes.models import ChangeRequest
from accord.core.tests import two_processes
from accord.projects.tests.factories import ProjectFactory

from . import concurrency_worker

pytestmark = two_processes.marks


def test_two_processes_creating_at_once_never_share_a_reference(member):
    # Two projects of one workspace, one per process: the per-project numbers cannot collide,
    # only the workspace's references can, starting with the workspace's very first one.
    projects = [ProjectFactory(client__workspace=member.workspace) for _ in range(2)]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    environment = two_processes.child_environment()
    processes = [
        context.Process(
            target=concurrency_worker.create_changes,
            args=(environment, project.pk, member.user.pk, 8, barrier, results),
        )
        for project in projects
    ]
    for process in processes:
        process.start()
    made = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)

    assert [process.exitcode for process in processes] == [0, 0]
    numbers = made[0] + made[1]
    assert all(isinstance(number, int) for number in numbers), numbers
    assert sorted(numbers) == list(range(1, 17))
    assert sorted(
        ChangeRequest.objects.filter(workspace=member.workspace).values_list(
            "workspace_number", flat=True
        )
    ) == list(range(1, 17))
    assert sorted(
        ChangeRequest.objects.filter(project=projects[0]).values_list("number", flat=True)
    ) == list(range(1, 9))
