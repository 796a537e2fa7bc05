"""CSV and XLSX import: dry run, per-row report, a bad row imports nothing of itself."""

import datetime
import io
from decimal import Decimal

import pytest
import tablib

from accord.billing.imports import billing_import, parse_amount
from accord.billing.models import Invoice, Payment
from accord.billing.tests.factories import InvoiceFactory
from accord.clients.tests.factories import ContactFactory
from accord.core.models import Event
from accord.projects.tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(member):
    return ContractFactory(
        project__client__workspace=member.workspace,
        project__name="Website",
        project__currency="PLN",
        payment_terms_days=21,
    ).project


INVOICES_CSV = (
    "number,project,amount,currency,issue date,due date,description\n"
    'FV/2026/01,Website,"1 234,50",PLN,2026-03-01,,Sprint 1\n'
    "FV/2026/02,Website,abc,PLN,2026-03-01,,bad amount\n"
    "FV/2026/03,Nowhere,100,PLN,2026-03-01,,unknown project\n"
    "FV/2026/04,Website,200.00,,05.03.2026,2026-03-31,\n"
    "FV/2026/05,Website,300,PLN,2026-02-30,,impossible date\n"
    "FV/2026/06,Website,50,ZZZ,2026-03-01,,bad currency\n"
    "FV/2026/01,Website,999,PLN,2026-03-01,,same number again\n"
)


def test_csv_import_reports_bad_rows_and_imports_nothing_of_them(member, project):
    events_before = Event.objects.count()

    report = billing_import(
        workspace=member.workspace,
        kind="invoices",
        content=INVOICES_CSV.encode(),
        actor=member.user,
    )

    by_line = {row.line: row for row in report.rows}
    assert [row.line for row in report.errors] == [3, 4, 6, 7, 8]
    assert "not an amount" in by_line[3].messages[0]
    assert "Nowhere" in by_line[4].messages[0]
    assert "not a date" in by_line[6].messages[0]
    assert "ISO 4217" in by_line[7].messages[0]
    assert "already exists" in by_line[8].messages[0]
    assert report.imported == 2
    assert sorted(Invoice.objects.values_list("number", flat=True)) == ["FV/2026/01", "FV/2026/04"]
    first = Invoice.objects.get(number="FV/2026/01")
    assert (first.amount, first.currency, first.due_date) == (
        Decimal("1234.50"),
        "PLN",
        datetime.date(2026, 3, 22),
    )
    fourth = Invoice.objects.get(number="FV/2026/04")
    assert (fourth.issue_date, fourth.due_date, fourth.currency) == (
        datetime.date(2026, 3, 5),
        datetime.date(2026, 3, 31),
        "PLN",
    )
    # Two invoices, one event each: the bad rows left no trace.
    assert Event.objects.count() - events_before == 2


def test_dry_run_reports_the_same_and_writes_nothing(member, project):
    report = billing_import(
        workspace=member.workspace,
        kind="invoices",
        content=INVOICES_CSV.encode(),
        actor=member.user,
        dry_run=True,
    )

    assert report.valid == 2
    assert report.imported == 0
    assert [row.line for row in report.errors] == [3, 4, 6, 7, 8]
    assert Invoice.objects.count() == 0
    assert Event.objects.filter(verb="invoice.issued").count() == 0


def test_all_or_nothing_mode_imports_nothing_when_a_row_is_bad(member, project):
    report = billing_import(
        workspace=member.workspace, kind="invoices", content=INVOICES_CSV.encode(), mode="file"
    )

    assert report.committed is False
    assert report.valid == 2
    assert Invoice.objects.count() == 0


def test_reimporting_the_same_file_adds_nothing(member, project):
    content = INVOICES_CSV.encode()
    billing_import(workspace=member.workspace, kind="invoices", content=content)

    again = billing_import(workspace=member.workspace, kind="invoices", content=content)

    assert again.imported == 0
    assert again.duplicates == 2
    assert Invoice.objects.count() == 2


def test_semicolon_windows_1251_csv(member, project):
    ContactFactory(client=project.client, role="accountant", email="buh@client.example")
    text = "номер;проект;сумма;дата;billing e-mail\nСЧ-1;Website;1500,00;01.03.2026;buh@client.example\n"

    report = billing_import(
        workspace=member.workspace, kind="invoices", content=text.encode("cp1251")
    )

    assert report.error == ""
    assert report.imported == 1
    invoice = Invoice.objects.get()
    assert (invoice.number, invoice.amount, invoice.billing_contact.primary_email) == (
        "СЧ-1",
        Decimal("1500.00"),
        "buh@client.example",
    )


def test_xlsx_import_of_invoices_and_payments(member, project):
    invoices = tablib.Dataset(headers=["number", "project", "amount", "issue date"])
    invoices.append(["X-1", "Website", 1000.5, datetime.datetime(2026, 3, 1)])
    invoices.append(["X-2", "Website", "nope", datetime.datetime(2026, 3, 1)])
    payments = tablib.Dataset(headers=["invoice", "amount", "paid on", "reference", "method"])
    payments.append(["X-1", 400, datetime.datetime(2026, 3, 10), "P-1", "przelew"])
    payments.append(["X-1", 400, datetime.datetime(2026, 3, 10), "P-1", "przelew"])  # same again
    payments.append(["X-9", 10, datetime.datetime(2026, 3, 10), "P-2", ""])
    payments.append(["X-1", 700.5, datetime.datetime(2026, 3, 12), "P-3", "card"])

    first = billing_import(
        workspace=member.workspace,
        kind="invoices",
        content=invoices.export("xlsx"),
        filename="i.xlsx",
    )
    second = billing_import(
        workspace=member.workspace,
        kind="payments",
        content=payments.export("xlsx"),
        filename="p.xlsx",
    )

    assert (first.imported, [row.line for row in first.errors]) == (1, [3])
    assert (second.imported, second.duplicates, [row.line for row in second.errors]) == (2, 1, [4])
    invoice = Invoice.objects.get(number="X-1")
    assert invoice.amount == Decimal("1000.5")
    assert invoice.amount_paid == Decimal("1100.5")
    assert invoice.overpaid == Decimal("100.0")
    assert sorted(Payment.objects.values_list("method", flat=True)) == ["bank_transfer", "card"]


def test_payment_rows_without_reference_are_not_doubled(member):
    invoice = InvoiceFactory(project__client__workspace=member.workspace, number="R-1")
    content = b"invoice,amount,paid on\nR-1,100,2026-03-10\n"

    billing_import(workspace=member.workspace, kind="payments", content=content)
    again = billing_import(workspace=member.workspace, kind="payments", content=content)

    assert again.duplicates == 1
    invoice.refresh_from_db()
    assert invoice.amount_paid == Decimal("100")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"foo,bar\n1,2\n", "Missing columns"),
        (b"PK\x03\x04garbage", "could not be read"),
    ],
)
def test_unreadable_files_get_a_clear_error(member, content, message):
    report = billing_import(workspace=member.workspace, kind="invoices", content=content)

    assert message in report.error
    assert Invoice.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 234,50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1234.5", "1234.5"),
        ("12,5", "12.5"),
        ("1,234", "1234"),
        ("€ 99", "99"),
        ("1\u00a0000 zł", "1000"),
    ],
)
def test_amounts_in_local_notations(text, amount):
    assert parse_amount(text) == Decimal(amount)


def test_import_page_shows_the_report(member_client, member, project):
    upload = io.BytesIO(INVOICES_CSV.encode())
    upload.name = "invoices.csv"

    response = member_client.post(
        "/billing/import/", {"kind": "invoices", "file": upload, "mode": "rows", "dry_run": "on"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Dry run: nothing was written." in page
    assert page.count('class="row-error"') == 5
    assert Invoice.objects.count() == 0
