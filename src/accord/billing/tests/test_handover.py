"""The hand-over ZIP holds every file named, and its PDF names the invoices and the clause."""

import datetime
import email
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from accord.billing.dunning import dunning_run
from accord.billing.handover import handover_file
from accord.billing.models import PaymentPromise
from accord.billing.promises import payment_promise_accept
from accord.billing.services import payment_record
from accord.billing.tests.factories import InvoiceFactory
from accord.billing.tests.test_promises import RAW
from accord.clients.tests.factories import ContactFactory
from accord.communications.ingestion.importer import mail_import

pytestmark = pytest.mark.django_db
D = datetime.date
CLAUSE = "§ 7 ust. 2. Zamawiający zapłaci wynagrodzenie w terminie 14 dni od doręczenia faktury."
STEP_NAMES = {
    "en": "Friendly reminder e-mail",
    "ru": "Дружеское напоминание по e-mail",
    "pl": "Uprzejme przypomnienie e-mailem",
}
HEADINGS = {
    "en": ("Payment clause", "Dunning history", "The client's promises to pay"),
    "ru": ("Условие об оплате", "История работы с долгом", "Обещания клиента об оплате"),
    "pl": ("Klauzula płatności", "Historia windykacji", "Obietnice zapłaty klienta"),
}


@pytest.fixture
def invoice(member, django_capture_on_commit_callbacks):
    invoice = InvoiceFactory(
        project__client__workspace=member.workspace,
        project__client__email_domains=["kowalski.example"],
        project__client__name="Meble Kowalski Sp. z o.o.",
        number="FV/2026/09/001",
        amount=Decimal("1000.00"),
        currency="PLN",
        issue_date=D(2026, 8, 22),
        due_date=D(2026, 9, 5),
    )
    invoice.billing_contact = ContactFactory(
        client=invoice.client, role="accountant", language="pl", email="ksiegowa@kowalski.example"
    )
    invoice.document.save(
        "fv-2026-09-001.pdf", ContentFile(b"%PDF-1.4 invoice document"), save=False
    )
    invoice.save()
    second = InvoiceFactory(
        project=invoice.project, number="FV/2026/09/002", amount=Decimal("250.00"), currency="PLN"
    )
    contract = invoice.project.contract
    contract.payment_clause = CLAUSE
    contract.document.save("umowa-031.pdf", ContentFile(b"%PDF-1.4 signed contract"), save=False)
    contract.save()
    payment_record(
        invoice=invoice, amount="100.00", paid_on=D(2026, 9, 9), reference="PRZELEW 77", actor=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        mail_import(workspace=member.workspace, raw=RAW)
        for day in [D(2026, 9, 8), D(2026, 9, 14), D(2026, 9, 21), D(2026, 10, 5)]:
            dunning_run(today=day)
    payment_promise_accept(promise=PaymentPromise.objects.get(), actor=member.user)
    invoice.second = second
    return invoice


@pytest.mark.parametrize("language", ["ru", "pl", "en"])
def test_the_zip_holds_every_file_and_the_pdf_names_invoices_and_clause(invoice, language):
    archive = zipfile.ZipFile(io.BytesIO(handover_file(invoice=invoice, language=language)))
    names = archive.namelist()

    assert names[0] == "summary.pdf"
    contract_file = "contract/" + invoice.project.contract.document.name.rsplit("/", 1)[-1]
    assert contract_file in names
    assert archive.read(contract_file) == b"%PDF-1.4 signed contract"
    assert archive.read("invoices/FV_2026_09_001.pdf") == b"%PDF-1.4 invoice document"
    # No document was uploaded for the second invoice: a page is made from its record.
    assert archive.read("invoices/FV_2026_09_002.pdf").startswith(b"%PDF")
    emails = [name for name in names if name.startswith("correspondence/")]
    parsed = [email.message_from_bytes(archive.read(name)) for name in emails]
    subjects = [
        str(email.header.make_header(email.header.decode_header(m["Subject"]))) for m in parsed
    ]
    # The client's own message byte for byte, and the dunning letters as the outbox sent them.
    assert RAW in [archive.read(name) for name in emails]
    assert "Faktura FV/2026/09/001: uprzejme przypomnienie" in subjects
    assert "Faktura FV/2026/09/001: czy uzgodnimy harmonogram spłat?" in subjects
    assert all(name.endswith(".eml") for name in emails)

    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(archive.read("summary.pdf"))).pages
    )
    # Compare without whitespace: the PDF wraps long cells at line ends.
    compact = "".join(text.split())

    def named(words: str) -> bool:
        return "".join(words.split()) in compact

    assert named("FV/2026/09/001") and named("FV/2026/09/002")
    assert named(CLAUSE)
    assert named("Meble Kowalski Sp. z o.o.")
    assert named("PRZELEW 77")
    for heading in HEADINGS[language]:
        assert named(heading)
    assert named(STEP_NAMES[language])  # the dunning history in the reader's language
    assert named("2026-09-15")  # the client's promise, from the agreement log
    for name in names[1:]:
        assert named(name)  # the summary lists every file of the hand-over


def test_the_download_page(invoice, member_client):
    response = member_client.get(f"/billing/invoices/{invoice.pk}/handover.zip?language=en")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "summary.pdf" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
