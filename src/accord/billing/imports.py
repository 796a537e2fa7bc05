"""CSV and XLSX import of invoices and payments (tablib), with a dry run and a per-row report.

Each row goes through the same services as the invoice form and the API, inside its own
savepoint: a bad row writes nothing at all, good rows are imported (``mode="rows"``, the default).
With ``mode="file"`` the file is imported only when every row is good, else nothing is.
A dry run does the same work in a transaction that is rolled back, so it reports exactly what
the real import would do, duplicates within the file included. Re-importing the same file is
safe: invoices already there (same number) and payments already recorded (same reference) are
reported as duplicates and not added again.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.db import transaction
from django.utils.translation import gettext as _

from accord.core.errors import DomainError

from .models import Invoice, Payment

INVOICE_COLUMNS = {
    "number": (
        "number",
        "invoice",
        "invoice number",
        "номер",
        "номер счёта",
        "номер счета",
        "numer",
        "numer faktury",
    ),
    "project": ("project", "проект", "projekt"),
    "client": ("client", "клиент", "klient"),
    "amount": ("amount", "total", "сумма", "kwota"),
    "currency": ("currency", "валюта", "waluta"),
    "issue_date": (
        "issue date",
        "issued",
        "date",
        "дата",
        "дата счёта",
        "data wystawienia",
        "data",
    ),
    "due_date": ("due date", "due", "срок оплаты", "termin płatności", "termin"),
    "billing_contact": ("billing contact", "billing e-mail", "billing email", "e-mail", "email"),
    "description": ("description", "for", "описание", "opis"),
}
PAYMENT_COLUMNS = {
    "invoice": (
        "invoice",
        "invoice number",
        "number",
        "счёт",
        "счет",
        "номер счёта",
        "faktura",
        "numer faktury",
    ),
    "amount": ("amount", "paid", "сумма", "kwota"),
    "paid_on": ("paid on", "date", "payment date", "дата", "дата оплаты", "data", "data zapłaty"),
    "reference": (
        "reference",
        "ref",
        "transaction",
        "референс",
        "номер платежа",
        "tytuł",
        "referencja",
    ),
    "method": ("method", "способ", "metoda"),
    "currency": ("currency", "валюта", "waluta"),
    "note": ("note", "comment", "примечание", "uwagi"),
}
REQUIRED = {
    "invoices": ("number", "project", "amount", "issue_date"),
    "payments": ("invoice", "amount", "paid_on"),
}
METHODS = {
    "bank": Payment.Method.BANK_TRANSFER,
    "bank transfer": Payment.Method.BANK_TRANSFER,
    "transfer": Payment.Method.BANK_TRANSFER,
    "przelew": Payment.Method.BANK_TRANSFER,
    "перевод": Payment.Method.BANK_TRANSFER,
    "card": Payment.Method.CARD,
    "karta": Payment.Method.CARD,
    "карта": Payment.Method.CARD,
    "cash": Payment.Method.CASH,
    "gotówka": Payment.Method.CASH,
    "наличные": Payment.Method.CASH,
}

OK, ERROR, DUPLICATE = "ok", "error", "duplicate"


@dataclass
class RowResult:
    line: int  # the row's line in the file, the header being line 1
    status: str
    messages: list[str] = field(default_factory=list)
    label: str = ""


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    mode: str
    rows: list[RowResult] = field(default_factory=list)
    error: str = ""  # the whole file could not be read

    @property
    def imported(self) -> int:
        return sum(row.status == OK for row in self.rows) if self.committed else 0

    @property
    def valid(self) -> int:
        return sum(row.status == OK for row in self.rows)

    @property
    def errors(self) -> list[RowResult]:
        return [row for row in self.rows if row.status == ERROR]

    @property
    def duplicates(self) -> int:
        return sum(row.status == DUPLICATE for row in self.rows)

    @property
    def committed(self) -> bool:
        if self.dry_run or self.error:
            return False
        return not (self.mode == "file" and self.errors)


class ImportFileError(DomainError):
    pass


# Spreadsheets saved as CSV by Russian and Polish Excel use these code pages.
CSV_ENCODINGS = ["cp1251", "cp1250", "koi8_r", "iso8859_2", "cp1252"]


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(content, cp_isolation=CSV_ENCODINGS).best() or from_bytes(content).best()
    if best is None:
        raise ImportFileError(_("The file is neither a spreadsheet nor readable text."))
    return str(best)


def read_table(*, content: bytes, filename: str = "") -> tablib.Dataset:
    """A Dataset from CSV (any common delimiter and encoding) or XLSX bytes."""
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    name = filename.lower()
    is_xlsx = name.endswith(".xlsx") or content[:2] == b"PK"
    try:
        if is_xlsx:
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        else:
            text = _decode(content)
            sample = text[:4096]
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
            dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except ImportFileError:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure is the user's file, said plainly
        raise ImportFileError(
            _("The file could not be read as %(kind)s: %(error)s")
            % {"kind": "XLSX" if is_xlsx else "CSV", "error": error}
        ) from error
    if not dataset.headers:
        raise ImportFileError(_("The first row must name the columns."))
    return dataset


def _columns(headers: list, aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = re.sub(r"[\s_]+", " ", str(header or "")).strip().lower()
        for name, names in aliases.items():
            if key in names and name not in found:
                found[name] = index
                break
    return found


def parse_amount(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = re.sub(r"[\s\u00a0\u202f'’]", "", str(value or ""))
    text = re.sub(r"[^\d,.\-+]", "", text) if re.search(r"\d", text) else text
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif text.count(",") == 1:
        whole, _sep, fraction = text.partition(",")
        text = whole + fraction if len(fraction) == 3 else f"{whole}.{fraction}"
    elif text.count(",") > 1:
        text = text.replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DomainError(
            _("“%(value)s” is not an amount.") % {"value": value}, field="amount"
        ) from None
    if not amount.is_finite():
        raise DomainError(_("“%(value)s” is not an amount.") % {"value": value}, field="amount")
    return amount


def parse_date(value, *, field: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise DomainError(
        _("“%(value)s” is not a date (use 2026-03-31 or 31.03.2026).") % {"value": text},
        field=field,
    )


def _cell(row, columns: dict[str, int], name: str):
    index = columns.get(name)
    if index is None or index >= len(row):
        return None
    value = row[index]
    return value.strip() if isinstance(value, str) else value


def _invoice_row(*, workspace, row, columns, actor) -> RowResult:
    from accord.clients.models import Contact
    from accord.projects.models import Project

    from .services import invoice_create

    number = str(_cell(row, columns, "number") or "").strip()
    project_name = str(_cell(row, columns, "project") or "").strip()
    client_name = str(_cell(row, columns, "client") or "").strip()
    result = RowResult(0, OK, label=number)
    projects = Project.objects.filter(workspace=workspace, name=project_name).select_related(
        "client", "contract"
    )
    if client_name:
        projects = projects.filter(client__name=client_name)
    projects = list(projects[:2])
    if not project_name:
        raise DomainError(_("The project is missing."), field="project")
    if not projects:
        raise DomainError(_("No project “%(name)s”.") % {"name": project_name}, field="project")
    if len(projects) > 1:
        raise DomainError(
            _("Several clients have a project “%(name)s”: add a client column.")
            % {"name": project_name},
            field="project",
        )
    project = projects[0]
    amount = parse_amount(_cell(row, columns, "amount"))
    currency = str(_cell(row, columns, "currency") or project.currency).strip().upper()
    issue_date = parse_date(_cell(row, columns, "issue_date"), field="issue_date")
    if issue_date is None:
        raise DomainError(_("The issue date is missing."), field="issue_date")
    due_date = parse_date(_cell(row, columns, "due_date"), field="due_date")
    existing = (
        Invoice.objects.filter(workspace=workspace, number=number).first() if number else None
    )
    if existing is not None:
        if (
            existing.project_id == project.pk
            and existing.amount == amount
            and existing.currency == currency
        ):
            result.status = DUPLICATE
            result.messages.append(_("Already imported."))
            return result
        raise DomainError(
            _("Invoice %(number)s already exists with other data.") % {"number": number},
            field="number",
        )
    contact = None
    address = str(_cell(row, columns, "billing_contact") or "").strip()
    if address:
        contact = Contact.objects.filter(
            workspace=workspace, client=project.client, emails__address__iexact=address
        ).first()
        if contact is None:
            raise DomainError(
                _("No person of %(client)s has the address %(address)s.")
                % {"client": project.client.name, "address": address},
                field="billing_contact",
            )
    invoice_create(
        project=project,
        number=number,
        amount=amount,
        currency=currency,
        issue_date=issue_date,
        due_date=due_date,
        billing_contact=contact,
        description=str(_cell(row, columns, "description") or ""),
        actor=actor,
    )
    return result


def _payment_row(*, workspace, row, columns, actor) -> RowResult:
    from .services import payment_record

    number = str(_cell(row, columns, "invoice") or "").strip()
    result = RowResult(0, OK, label=number)
    if not number:
        raise DomainError(_("The invoice number is missing."), field="invoice")
    invoice = Invoice.objects.filter(workspace=workspace, number=number).first()
    if invoice is None:
        raise DomainError(_("No invoice %(number)s.") % {"number": number}, field="invoice")
    amount = parse_amount(_cell(row, columns, "amount"))
    paid_on = parse_date(_cell(row, columns, "paid_on"), field="paid_on")
    reference = str(_cell(row, columns, "reference") or "").strip()
    method_text = str(_cell(row, columns, "method") or "").strip().lower()
    method = METHODS.get(method_text, method_text or Payment.Method.BANK_TRANSFER)
    if method not in Payment.Method.values:
        raise DomainError(
            _("Unknown payment method “%(method)s”.") % {"method": method_text}, field="method"
        )
    if reference and Payment.objects.filter(invoice=invoice, reference=reference).exists():
        result.status = DUPLICATE
        result.messages.append(_("Already recorded (same reference)."))
        return result
    if (
        not reference
        and Payment.objects.filter(
            invoice=invoice, amount=amount, paid_on=paid_on, reference=""
        ).exists()
    ):
        result.status = DUPLICATE
        result.messages.append(
            _(
                "The same amount on the same day is already recorded; add a reference to import it as another payment."
            )
        )
        return result
    payment_record(
        invoice=invoice,
        amount=amount,
        paid_on=paid_on,
        reference=reference,
        method=method,
        note=str(_cell(row, columns, "note") or ""),
        currency=str(_cell(row, columns, "currency") or "") or None,
        actor=actor,
    )
    return result


class _Rollback(Exception):
    pass


def billing_import(
    *,
    workspace,
    kind: str,
    content: bytes,
    filename: str = "",
    actor=None,
    dry_run: bool = False,
    mode: str = "rows",
) -> ImportReport:
    """Import invoices or payments from a CSV or XLSX file; see the module docstring for the rules."""
    if kind not in REQUIRED:
        raise DomainError(_("Choose invoices or payments."), field="kind")
    if mode not in ("rows", "file"):
        raise DomainError(_("Unknown import mode."), field="mode")
    report = ImportReport(kind=kind, dry_run=dry_run, mode=mode)
    try:
        dataset = read_table(content=content, filename=filename)
    except ImportFileError as error:
        report.error = error.message
        return report
    aliases = INVOICE_COLUMNS if kind == "invoices" else PAYMENT_COLUMNS
    columns = _columns(list(dataset.headers), aliases)
    missing = [name for name in REQUIRED[kind] if name not in columns]
    if missing:
        report.error = _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
        return report
    handler = _invoice_row if kind == "invoices" else _payment_row
    try:
        with transaction.atomic():
            for offset, row in enumerate(dataset, start=2):
                if all(value in (None, "") for value in row):
                    continue
                try:
                    with transaction.atomic():
                        result = handler(workspace=workspace, row=row, columns=columns, actor=actor)
                except DomainError as error:
                    result = RowResult(0, ERROR, [error.message], label=str(row[0] if row else ""))
                result.line = offset
                report.rows.append(result)
            if not report.committed:
                raise _Rollback
    except _Rollback:
        pass
    return report


def template_dataset(kind: str) -> tablib.Dataset:
    """An empty file with the expected columns, to download and fill in."""
    if kind == "invoices":
        return tablib.Dataset(
            ["INV-2026-001", "Website", "", "1200.00", "EUR", "2026-03-01", "", "", "Sprint 1"],
            headers=[
                "number",
                "project",
                "client",
                "amount",
                "currency",
                "issue date",
                "due date",
                "billing e-mail",
                "description",
            ],
        )
    return tablib.Dataset(
        ["INV-2026-001", "600.00", "2026-03-10", "BANK-123", "bank transfer", "EUR", ""],
        headers=["invoice", "amount", "paid on", "reference", "method", "currency", "note"],
    )
