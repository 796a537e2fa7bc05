"""Two real scheduler processes at once, and one killed mid-step, on PostgreSQL.

SQLite's test database lives in the memory of the test process, so other processes cannot
reach it: these tests need PostgreSQL and are never skipped when DATABASE_URL names it.
"""

import datetime
import multiprocessing
from decimal import Decimal

import pytest

from accord.billing.models import DunningAction
from accord.billing.tests.factories import InvoiceFactory
from accord.billing.tests.test_dunning import EXPECTED
from accord.clients.tests.factories import ContactFactory
from accord.communications.models import Interaction
from accord.core.tests import two_processes
from accord.workspaces.models import Holiday

from . import concurrency_worker

pytestmark = two_processes.marks


@pytest.fixture
def invoice(member):
    invoice = InvoiceFactory(
        project__client__workspace=member.workspace,
        number="FV/2026/09/001",
        amount=Decimal("1000.00"),
        currency="PLN",
        issue_date=datetime.date(2026, 8, 22),
        due_date=datetime.date(2026, 9, 5),
    )
    invoice.billing_contact = ContactFactory(
        client=invoice.client, role="accountant", language="pl"
    )
    invoice.account_owner = member
    invoice.save()
    Holiday.objects.create(workspace=member.workspace, date=datetime.date(2026, 9, 14))
    return invoice


def test_two_scheduler_processes_at_once_do_each_step_once(invoice):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    environment = two_processes.child_environment()
    processes = [
        context.Process(
            target=concurrency_worker.scheduler_days,
            args=(environment, "2026-09-01", 61, 3, barrier, results),
        )
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    done = [results.get(timeout=600) for _ in processes]
    for process in processes:
        process.join(timeout=60)

    assert [process.exitcode for process in processes] == [0, 0]

    assert sum(done) == 5  # five steps in all, whichever process won each one
    assert (
        list(
            DunningAction.objects.filter(invoice=invoice, status="done")
            .order_by("done_on")
            .values_list("action", "done_on")
        )
        == EXPECTED
    )
    assert Interaction.objects.filter(direction="out", channel="email").count() == 4


def test_a_process_killed_mid_step_leaves_nothing_and_the_next_run_does_it_once(invoice):
    from accord.billing.dunning import dunning_run

    context = multiprocessing.get_context("spawn")
    process = context.Process(
        target=concurrency_worker.crash_mid_step,
        args=(two_processes.child_environment(), invoice.pk, "2026-09-08"),
    )
    process.start()
    process.join(timeout=120)

    assert process.exitcode == 17
    assert DunningAction.objects.count() == 0
    assert Interaction.objects.filter(direction="out").count() == 0

    dunning_run(today=datetime.date(2026, 9, 8))
    dunning_run(today=datetime.date(2026, 9, 8))

    assert list(DunningAction.objects.values_list("action", "status")) == [("reminder", "done")]
    assert Interaction.objects.filter(direction="out").count() == 1
