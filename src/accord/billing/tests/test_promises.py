"""Client messages about payment: linked to the invoice they name; "we will pay on the 15th"."""

import datetime
from decimal import Decimal

import pytest

from accord.agreements.models import Agreement, Commitment
from accord.billing.models import InvoiceMention, PaymentPromise
from accord.billing.promises import payment_promise_accept, promised_date
from accord.billing.tests.factories import InvoiceFactory
from accord.clients.tests.factories import ContactFactory
from accord.communications.ingestion.importer import mail_import

D = datetime.date
SENT = D(2026, 9, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will pay on the 15th.", D(2026, 9, 15)),
        ("Sorry for the delay, we'll pay the invoice by the 3rd.", D(2026, 10, 3)),
        ("The payment will be made on 2026-09-21.", D(2026, 9, 21)),
        ("We will transfer the money on 18 September.", D(2026, 9, 18)),
        ("we will settle it by September 30th", D(2026, 9, 30)),
        ("Оплатим 15-го.", D(2026, 9, 15)),
        ("Добрый день! Счёт оплатим до 20 сентября, сейчас ждём поступлений.", D(2026, 9, 20)),
        ("Оплата будет 25.09", D(2026, 9, 25)),
        ("Переведём деньги 5 числа.", D(2026, 10, 5)),
        ("Zapłacimy 15-go.", D(2026, 9, 15)),
        ("Dzień dobry, przelew wyślemy do 22 września.", D(2026, 9, 22)),
        ("Fakturę opłacimy 30.09.2026, przepraszamy za opóźnienie.", D(2026, 9, 30)),
    ],
)
def test_promised_dates_in_three_languages(text, expected):
    found = promised_date(text, sent_on=SENT)

    assert found is not None
    assert found[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Please send us the invoice for the 15th.",
        "The meeting is on the 15th.",
        "Счёт получили, спасибо.",
        "Spotkanie 15-go o 10:00.",
        "We paid on 2026-09-01.",
        "We will pay.",
    ],
)
def test_no_promise_where_none_is_made(text):
    assert promised_date(text, sent_on=SENT) is None


@pytest.fixture
def invoice(member):
    invoice = InvoiceFactory(
        project__client__workspace=member.workspace,
        project__client__email_domains=["kowalski.example"],
        number="FV/2026/09/001",
        amount=Decimal("1000.00"),
        currency="PLN",
        issue_date=D(2026, 8, 22),
        due_date=D(2026, 9, 5),
    )
    invoice.billing_contact = ContactFactory(
        client=invoice.client, role="accountant", language="pl", email="ksiegowa@kowalski.example"
    )
    invoice.save()
    return invoice


RAW = (
    "From: Ewa <ksiegowa@kowalski.example>\r\n"
    "To: billing@team.example\r\n"
    "Subject: Re: Faktura FV/2026/09/001\r\n"
    "Message-ID: <promise-1@kowalski.example>\r\n"
    "Date: Thu, 10 Sep 2026 10:00:00 +0200\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Dzień dobry,\r\n\r\nprzepraszamy za opóźnienie w płatności faktury FV/2026/09/001. "
    "Zapłacimy 15-go.\r\n\r\nEwa\r\n"
).encode()


@pytest.mark.django_db
def test_a_client_message_is_linked_and_its_promise_becomes_a_commitment(
    invoice, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = mail_import(workspace=member.workspace, raw=RAW)

    interaction = result.interaction
    assert InvoiceMention.objects.filter(invoice=invoice, interaction=interaction).exists()
    promise = PaymentPromise.objects.get(interaction=interaction)
    assert (promise.invoice, promise.promised_date, promise.status) == (
        invoice,
        D(2026, 9, 15),
        "proposed",
    )
    assert Commitment.objects.filter(side="client").count() == 0  # only proposed so far

    promise = payment_promise_accept(promise=promise, actor=member.user)

    commitment = Commitment.objects.get(side="client")
    assert (commitment.due_date, commitment.owner_contact) == (
        D(2026, 9, 15),
        invoice.billing_contact,
    )
    agreement = Agreement.objects.get(pk=promise.agreement_id)
    assert agreement.source == Agreement.Source.EMAIL
    assert agreement.source_record == interaction
    assert "FV/2026/09/001" in agreement.title


@pytest.mark.django_db
def test_the_same_message_twice_links_once(invoice, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_import(workspace=member.workspace, raw=RAW)
        mail_import(workspace=member.workspace, raw=RAW)

    assert InvoiceMention.objects.count() == 1
    assert PaymentPromise.objects.count() == 1


@pytest.mark.django_db
def test_a_number_inside_another_number_is_not_a_mention(
    invoice, member, django_capture_on_commit_callbacks
):
    raw = RAW.replace(b"FV/2026/09/001", b"FV/2026/09/0012").replace(b"promise-1", b"promise-2")
    with django_capture_on_commit_callbacks(execute=True):
        mail_import(workspace=member.workspace, raw=raw)

    assert InvoiceMention.objects.count() == 0


@pytest.mark.django_db
def test_a_promise_without_an_invoice_waits_on_the_receivables_page(
    invoice, member, member_client, django_capture_on_commit_callbacks
):
    raw = RAW.replace(b"FV/2026/09/001", b"the last invoice").replace(b"promise-1", b"promise-3")
    InvoiceFactory(project=invoice.project, number="FV/2026/09/003")  # two open: no guess
    with django_capture_on_commit_callbacks(execute=True):
        mail_import(workspace=member.workspace, raw=raw)
    promise = PaymentPromise.objects.get()

    page = member_client.get("/billing/").content.decode()
    response = member_client.post(f"/billing/promises/{promise.pk}/", {"decision": "accept"})

    assert promise.invoice is None
    assert "Zapłacimy 15-go" in page
    assert response.status_code == 302
    assert Commitment.objects.get(side="client").due_date == D(2026, 9, 15)
