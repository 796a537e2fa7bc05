"""The dunning ladder: each step once, on the right working day, after downtime and crashes.

The invoice of these tests is due on Saturday 5 September 2026, so it is late from Tuesday
8 September (the due date moves to Monday 7th); Monday 14 September is a workspace holiday.
Expected step days, worked out by hand from the default ladder (1, 7, 14, 30, 45 days):
  +1  reminder       Tue 08.09
  +7  call           Mon 14.09 is a holiday -> Tue 15.09
  +14 plan proposal  Mon 21.09
  +30 formal notice  Wed 07.10
  +45 hand-over      Thu 22.10
"""

import datetime
from decimal import Decimal

import pytest

from accord.agreements.models import Agreement, Commitment
from accord.billing import dunning, steps
from accord.billing.dunning import dunning_run, invoice_next_step
from accord.billing.models import DunningAction, Invoice, PaymentPlan
from accord.billing.plans import payment_plan_agree
from accord.billing.services import payment_record
from accord.billing.tests.factories import InvoiceFactory
from accord.clients.tests.factories import ContactFactory
from accord.communications.models import Interaction
from accord.situations.models import Case
from accord.workspaces.models import Holiday

pytestmark = pytest.mark.django_db

D = datetime.date
EXPECTED = [
    ("reminder", D(2026, 9, 8)),
    ("call", D(2026, 9, 15)),
    ("plan_proposal", D(2026, 9, 21)),
    ("formal_notice", D(2026, 10, 7)),
    ("handover", D(2026, 10, 22)),
]


def days(start, count):
    return [start + datetime.timedelta(days=n) for n in range(count)]


@pytest.fixture
def invoice(member):
    invoice = InvoiceFactory(
        project__client__workspace=member.workspace,
        project__client__language="pl",
        number="FV/2026/09/001",
        amount=Decimal("1000.00"),
        currency="PLN",
        issue_date=D(2026, 8, 22),
        due_date=D(2026, 9, 5),
    )
    ContactFactory(client=invoice.client, role="accountant", language="pl")
    invoice.billing_contact = invoice.client.contacts.get()
    invoice.account_owner = member
    invoice.save()
    Holiday.objects.create(workspace=member.workspace, date=D(2026, 9, 14), name="Test holiday")
    return invoice


def done_steps(invoice):
    return list(
        DunningAction.objects.filter(invoice=invoice, status=DunningAction.Status.DONE)
        .order_by("done_on")
        .values_list("action", "done_on")
    )


def test_each_step_fires_once_on_its_working_day_over_sixty_days(invoice):
    for day in days(D(2026, 9, 1), 61):
        for _run in range(3):
            dunning_run(today=day)

    assert done_steps(invoice) == EXPECTED
    assert DunningAction.objects.filter(status=DunningAction.Status.SKIPPED).count() == 0
    emails = Interaction.objects.filter(project=invoice.project, direction="out", channel="email")
    assert sorted(emails.values_list("subject", flat=True)) == sorted(
        [
            "Faktura FV/2026/09/001: uprzejme przypomnienie",
            "Faktura FV/2026/09/001: czy uzgodnimy harmonogram spłat?",
            "Wezwanie do zapłaty: faktura FV/2026/09/001",
            "Faktura FV/2026/09/001: sprawa przekazana do windykacji",
        ]
    )
    tasks = Commitment.objects.filter(project=invoice.project, side="ours")
    assert tasks.count() == 2  # the call and the hand-over
    assert tasks.get(title__startswith="Call").due_date == D(2026, 9, 15)
    invoice.refresh_from_db()
    assert invoice.handed_over_at is not None
    assert invoice.case.situation == "payment_issue"
    assert Case.objects.filter(project=invoice.project, situation="payment_issue").count() == 1


def test_nothing_happens_before_the_moved_due_date_or_on_days_off(invoice):
    for day in [D(2026, 9, 5), D(2026, 9, 6), D(2026, 9, 7)]:
        dunning_run(today=day)

    assert DunningAction.objects.count() == 0
    assert Case.objects.count() == 0


def test_paid_on_the_next_working_day_is_on_time(invoice):
    payment_record(invoice=invoice, amount="1000", paid_on=D(2026, 9, 7), actor=None)

    for day in days(D(2026, 9, 1), 61):
        dunning_run(today=day)

    assert DunningAction.objects.count() == 0


def test_after_a_week_of_downtime_only_the_latest_due_step_runs(invoice):
    dunning_run(today=D(2026, 9, 8))
    # The scheduler is down from 9 September to 7 October.
    summary = dunning_run(today=D(2026, 10, 8))
    again = dunning_run(today=D(2026, 10, 8))

    assert (summary.done, summary.skipped, again.done, again.skipped) == (1, 2, 0, 0)
    assert done_steps(invoice) == [("reminder", D(2026, 9, 8)), ("formal_notice", D(2026, 10, 8))]
    assert list(
        DunningAction.objects.filter(status="skipped")
        .order_by("days_late")
        .values_list("action", flat=True)
    ) == ["call", "plan_proposal"]
    assert Interaction.objects.filter(direction="out").count() == 2  # two letters, not four
    for day in days(D(2026, 10, 9), 30):
        dunning_run(today=day)
    assert done_steps(invoice)[-1] == ("handover", D(2026, 10, 22))


def test_a_crash_mid_step_leaves_nothing_and_the_next_run_does_it_once(invoice, monkeypatch):
    original = steps.email_send
    calls = {"n": 0}

    def failing_once(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            original(**kwargs)  # the interaction is written, then the process "dies"
            raise RuntimeError("SMTP connection reset")
        return original(**kwargs)

    monkeypatch.setattr(steps, "email_send", failing_once)

    crashed = dunning_run(today=D(2026, 9, 8))
    assert crashed.failed == 1
    assert DunningAction.objects.count() == 0
    assert Interaction.objects.filter(direction="out").count() == 0

    recovered = dunning_run(today=D(2026, 9, 8))
    dunning_run(today=D(2026, 9, 8))

    assert recovered.done == 1
    assert done_steps(invoice) == [("reminder", D(2026, 9, 8))]
    assert Interaction.objects.filter(direction="out").count() == 1


def test_the_step_texts_are_in_the_billing_contacts_language(
    invoice, django_capture_on_commit_callbacks, mailoutbox
):
    contact = invoice.billing_contact
    for language, subject in [
        ("en", "Invoice FV/2026/09/001: a friendly reminder"),
        ("ru", "Счёт FV/2026/09/001: дружеское напоминание"),
        ("pl", "Faktura FV/2026/09/001: uprzejme przypomnienie"),
    ]:
        DunningAction.objects.all().delete()
        contact.language = language
        contact.save()
        with django_capture_on_commit_callbacks(execute=True):
            dunning_run(today=D(2026, 9, 8))
        message = mailoutbox[-1]
        assert message.subject == subject
        assert message.to == [contact.primary_email]
        expected = {
            "ru": "1\u00a0000,00\u00a0PLN",
            "pl": "1\u00a0000,00\u00a0zł",
            "en": "PLN1,000.00",
        }
        assert expected[language] in message.body
        # Nothing internal reaches the client.
        for internal in ("payment_issue", "case", "severity", "Sprawa", "кейс"):
            assert internal not in message.body


def test_formal_notice_quotes_the_contracts_payment_clause(invoice):
    contract = invoice.project.contract
    contract.payment_clause = "§ 7 ust. 2. Zamawiający zapłaci w terminie 14 dni."
    contract.save()

    dunning_run(today=D(2026, 10, 7))

    notice = DunningAction.objects.get(action="formal_notice")
    assert "„§ 7 ust. 2. Zamawiający zapłaci w terminie 14 dni.”" in notice.text
    assert notice.language == "pl"


def test_next_step_and_date_are_shown(invoice):
    dunning_run(today=D(2026, 9, 8))

    upcoming = invoice_next_step(invoice=invoice, today=D(2026, 9, 9))

    assert (upcoming.step.action, upcoming.date, upcoming.paused) == ("call", D(2026, 9, 15), False)


def _plan(invoice):
    return payment_plan_agree(
        invoice=invoice,
        instalments=[(D(2026, 10, 1), "500.00"), (D(2026, 10, 15), "500.00")],
        agreed_on=D(2026, 9, 23),
        actor=None,
    )


def test_a_kept_plan_pauses_the_ladder(invoice):
    for day in days(D(2026, 9, 1), 23):
        dunning_run(today=day)
    plan = _plan(invoice)
    payment_record(invoice=invoice, amount="500", paid_on=D(2026, 9, 30), actor=None)
    for day in days(D(2026, 9, 23), 22):
        dunning_run(today=day)

    assert invoice_next_step(invoice=Invoice.objects.get(pk=invoice.pk)).paused is True
    payment_record(invoice=invoice, amount="500", paid_on=D(2026, 10, 14), actor=None)
    for day in days(D(2026, 10, 15), 40):
        dunning_run(today=day)

    plan.refresh_from_db()
    assert plan.status == PaymentPlan.Status.COMPLETED
    assert [action for action, _day in done_steps(invoice)] == ["reminder", "call", "plan_proposal"]
    assert plan.agreement.status == Agreement.Status.ACCEPTED
    assert "FV/2026/09/001" in plan.agreement.title
    assert Commitment.objects.filter(side="client", status="done").count() == 2


def test_a_missed_instalment_resumes_the_ladder_where_it_stood(invoice):
    for day in days(D(2026, 9, 1), 23):
        dunning_run(today=day)
    plan = _plan(invoice)
    payment_record(invoice=invoice, amount="500", paid_on=D(2026, 9, 30), actor=None)
    # The second instalment (15 October) is never paid.
    for day in days(D(2026, 9, 23), 60):
        for _run in range(2):
            dunning_run(today=day)

    plan.refresh_from_db()
    assert plan.status == PaymentPlan.Status.BROKEN
    assert plan.ended_on == D(2026, 10, 16)
    # The ladder waited 23 days (23.09-16.10): the formal notice moves from 07.10 to 30.10,
    # the hand-over from 22.10 to Sat 14.11 -> Mon 16.11. Nothing is repeated.
    assert done_steps(invoice) == [
        ("reminder", D(2026, 9, 8)),
        ("call", D(2026, 9, 15)),
        ("plan_proposal", D(2026, 9, 21)),
        ("formal_notice", D(2026, 10, 30)),
        ("handover", D(2026, 11, 16)),
    ]
    assert Commitment.objects.filter(side="client", status="open").count() == 1


def test_cancelling_a_plan_also_resumes_the_ladder(invoice):
    from accord.billing.plans import payment_plan_cancel

    for day in days(D(2026, 9, 1), 23):
        dunning_run(today=day)
    plan = _plan(invoice)
    payment_plan_cancel(plan=plan, actor=None, today=D(2026, 9, 28))
    for day in days(D(2026, 9, 28), 20):
        dunning_run(today=day)

    assert done_steps(invoice)[-1] == ("formal_notice", D(2026, 10, 12))


def test_plan_must_cover_what_is_outstanding(invoice):
    from accord.core.errors import DomainError

    with pytest.raises(DomainError) as refusal:
        payment_plan_agree(
            invoice=invoice,
            instalments=[(D(2026, 10, 1), "400")],
            agreed_on=D(2026, 9, 23),
            actor=None,
        )

    assert "add up to" in refusal.value.message
    assert PaymentPlan.objects.count() == 0
    assert Agreement.objects.count() == 0


def test_editing_the_ladder_keeps_what_already_ran(invoice, member):
    dunning_run(today=D(2026, 9, 8))
    ladder = dunning.ladder_for_workspace(workspace=member.workspace)
    rows = [
        {"id": s.pk, "days_late": s.days_late, "action": s.action, "is_active": True}
        for s in ladder
    ]
    rows[1]["days_late"] = 10  # the call moves to day 10

    dunning.ladder_update(workspace=member.workspace, rows=rows, actor=member.user)
    for day in days(D(2026, 9, 9), 10):
        dunning_run(today=day)

    assert done_steps(invoice) == [("reminder", D(2026, 9, 8)), ("call", D(2026, 9, 17))]


def test_the_cli_and_management_command_run_the_ladder(invoice):
    from click.testing import CliRunner
    from django.core.management import call_command

    from accord.cli import cli

    call_command("dunning_run", "--date", "2026-09-08")
    result = CliRunner().invoke(cli, ["dunning-run", "--date", "2026-09-15"])

    assert result.exit_code == 0, result.output
    assert "steps done: 1" in result.output
    assert done_steps(invoice) == EXPECTED[:2]
