"""Invoices and payments: due dates from the contract, partial and over-payments, Decimal only."""

import datetime
from decimal import Decimal

import pytest

from accord.billing import services
from accord.billing.models import Invoice, Payment
from accord.billing.tests.factories import InvoiceFactory
from accord.clients.tests.factories import ContactFactory
from accord.core.errors import DomainError
from accord.core.models import Event
from accord.projects.tests.factories import ContractFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_due_date_follows_the_contracts_payment_terms(member):
    contract = ContractFactory(project__client__workspace=member.workspace, payment_terms_days=30)

    invoice = services.invoice_create(
        project=contract.project,
        number="2026/001",
        amount="1200.50",
        issue_date=datetime.date(2026, 3, 2),
        actor=member.user,
    )

    assert invoice.due_date == datetime.date(2026, 4, 1)
    assert invoice.amount == Decimal("1200.50")
    assert invoice.currency == "EUR"  # the project's currency when none is given
    assert Event.objects.filter(verb="invoice.issued", target_id=invoice.pk).count() == 1


def test_due_date_with_other_terms_and_an_explicit_due_date(member):
    contract = ContractFactory(project__client__workspace=member.workspace, payment_terms_days=7)
    project = contract.project

    by_terms = services.invoice_create(
        project=project,
        number="A-1",
        amount="10",
        issue_date=datetime.date(2026, 12, 28),
        actor=None,
    )
    explicit = services.invoice_create(
        project=project,
        number="A-2",
        amount="10",
        issue_date=datetime.date(2026, 12, 28),
        due_date=datetime.date(2027, 2, 1),
        actor=None,
    )

    assert by_terms.due_date == datetime.date(2027, 1, 4)
    assert explicit.due_date == datetime.date(2027, 2, 1)


def test_project_without_contract_uses_fourteen_days(member):
    project = ProjectFactory(client__workspace=member.workspace)

    invoice = services.invoice_create(
        project=project, number="B-1", amount="10", issue_date=datetime.date(2026, 5, 1), actor=None
    )

    assert invoice.due_date == datetime.date(2026, 5, 15)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"number": " "}, "number"),
        ({"currency": "EURO"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"amount": "0"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": "NaN"}, "amount"),
        ({"amount": "10.005"}, "amount"),  # EUR has two decimals
        ({"currency": "JPY", "amount": "10.5"}, "amount"),
        ({"due_date": datetime.date(2026, 1, 1)}, "due_date"),
    ],
)
def test_invalid_invoices_are_refused_and_nothing_is_written(member, changes, field):
    project = ContractFactory(project__client__workspace=member.workspace).project
    values = {"number": "C-1", "amount": "100", "issue_date": datetime.date(2026, 3, 1), **changes}

    with pytest.raises(DomainError) as refusal:
        services.invoice_create(project=project, actor=None, **values)

    assert refusal.value.field == field
    assert Invoice.objects.count() == 0


def test_invoice_number_is_unique_per_workspace_not_globally(member):
    project = ContractFactory(project__client__workspace=member.workspace).project
    other_project = ContractFactory().project
    services.invoice_create(
        project=project, number="N-1", amount="1", issue_date=datetime.date(2026, 3, 1), actor=None
    )

    with pytest.raises(DomainError) as refusal:
        services.invoice_create(
            project=project,
            number="N-1",
            amount="2",
            issue_date=datetime.date(2026, 3, 1),
            actor=None,
        )
    services.invoice_create(
        project=other_project,
        number="N-1",
        amount="2",
        issue_date=datetime.date(2026, 3, 1),
        actor=None,
    )

    assert refusal.value.code == "duplicate"
    assert Invoice.objects.filter(number="N-1").count() == 2


def test_three_decimal_currency_keeps_its_minor_units(member):
    project = ContractFactory(
        project__client__workspace=member.workspace, project__currency="KWD"
    ).project

    invoice = services.invoice_create(
        project=project,
        number="K-1",
        amount="10.125",
        issue_date=datetime.date(2026, 3, 1),
        actor=None,
    )
    invoice.refresh_from_db()

    assert invoice.amount == Decimal("10.125")


def test_billing_contact_defaults_to_the_accountant(member):
    project = ContractFactory(project__client__workspace=member.workspace).project
    ContactFactory(client=project.client, role="manager")
    accountant = ContactFactory(client=project.client, role="accountant")

    invoice = services.invoice_create(
        project=project, number="D-1", amount="5", issue_date=datetime.date(2026, 3, 1), actor=None
    )

    assert invoice.billing_contact == accountant
    assert invoice.account_owner == member


def test_partial_payments_add_up_to_paid(member):
    invoice = InvoiceFactory(project__client__workspace=member.workspace, amount=Decimal("1000.00"))

    services.payment_record(
        invoice=invoice,
        amount="300.10",
        paid_on=datetime.date(2026, 3, 20),
        actor=member.user,
        reference="T-1",
    )
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid, invoice.outstanding) == (
        Invoice.Status.PARTIALLY_PAID,
        Decimal("300.10"),
        Decimal("699.90"),
    )

    services.payment_record(
        invoice=invoice,
        amount=Decimal("699.90"),
        paid_on=datetime.date(2026, 3, 25),
        actor=member.user,
    )
    invoice.refresh_from_db()
    assert (invoice.status, invoice.outstanding, invoice.overpaid) == (Invoice.Status.PAID, 0, 0)


def test_float_amounts_do_not_bring_binary_noise(member):
    invoice = InvoiceFactory(project__client__workspace=member.workspace, amount=Decimal("0.30"))

    services.payment_record(
        invoice=invoice, amount=0.1, paid_on=datetime.date(2026, 3, 20), actor=None
    )
    services.payment_record(
        invoice=invoice, amount=0.2, paid_on=datetime.date(2026, 3, 21), actor=None
    )
    invoice.refresh_from_db()

    assert invoice.amount_paid == Decimal("0.3")
    assert invoice.status == Invoice.Status.PAID


def test_over_payment_is_kept_and_flagged(member, member_client):
    invoice = InvoiceFactory(project__client__workspace=member.workspace, amount=Decimal("500.00"))

    services.payment_record(
        invoice=invoice, amount="650.00", paid_on=datetime.date(2026, 3, 20), actor=member.user
    )
    invoice.refresh_from_db()
    page = member_client.get(f"/billing/invoices/{invoice.pk}/").content.decode()

    assert invoice.status == Invoice.Status.PAID
    assert invoice.amount_paid == Decimal("650.00")
    assert invoice.outstanding == Decimal("0")
    assert invoice.overpaid == Decimal("150.00")
    assert Event.objects.filter(verb="invoice.overpaid", target_id=invoice.pk).count() == 1
    assert "€150.00" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"paid_on": datetime.date(2099, 1, 1)}, "paid_on"),
        ({"method": "barter"}, "method"),
        ({"currency": "USD"}, "currency"),
    ],
)
def test_invalid_payments_change_nothing(member, changes, field):
    invoice = InvoiceFactory(project__client__workspace=member.workspace)
    values = {"amount": "10", "paid_on": datetime.date(2026, 3, 20), **changes}

    with pytest.raises(DomainError) as refusal:
        services.payment_record(invoice=invoice, actor=None, **values)
    invoice.refresh_from_db()

    assert refusal.value.field == field
    assert invoice.amount_paid == 0
    assert Payment.objects.count() == 0


def test_same_bank_reference_is_recorded_once(member):
    invoice = InvoiceFactory(project__client__workspace=member.workspace)
    services.payment_record(
        invoice=invoice,
        amount="10",
        paid_on=datetime.date(2026, 3, 20),
        reference="BANK-1",
        actor=None,
    )

    with pytest.raises(DomainError):
        services.payment_record(
            invoice=invoice,
            amount="10",
            paid_on=datetime.date(2026, 3, 20),
            reference="BANK-1",
            actor=None,
        )
    invoice.refresh_from_db()

    assert invoice.amount_paid == Decimal("10")


def test_amounts_are_shown_in_the_viewers_locale(member, member_client):
    invoice = InvoiceFactory(
        project__client__workspace=member.workspace, amount=Decimal("1234567.50")
    )

    english = member_client.get(f"/billing/invoices/{invoice.pk}/").content.decode()
    member.language = "ru"
    member.save()
    russian = member_client.get(f"/billing/invoices/{invoice.pk}/").content.decode()
    member.language = "pl"
    member.save()
    polish = member_client.get(f"/billing/invoices/{invoice.pk}/").content.decode()

    assert "€1,234,567.50" in english
    assert "1\u00a0234\u00a0567,50\u00a0€" in russian
    assert "1\u00a0234\u00a0567,50\u00a0€" in polish
