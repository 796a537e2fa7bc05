"""Billing statuses agree with their noun's gender; "due" on an invoice says what is due."""

import pytest
from django.utils import translation

from accord.billing.models import DunningAction, Invoice, PaymentPlan, PaymentPromise


@pytest.mark.parametrize(
    ("language", "label", "expected"),
    [
        # faktura (f), plan spłaty (m), obietnica (f), krok (m)
        ("pl", Invoice.Status.CANCELLED.label, "Anulowana"),
        ("pl", Invoice.Status.PAID.label, "Opłacona"),
        ("pl", PaymentPlan.Status.CANCELLED.label, "Anulowany"),
        ("pl", PaymentPromise.Status.PROPOSED.label, "Zaproponowana"),
        ("pl", PaymentPromise.Status.DISMISSED.label, "Odrzucona"),
        ("pl", DunningAction.Status.DONE.label, "Wykonany"),
        # счёт (m), план (m), обещание (n), шаг (m)
        ("ru", Invoice.Status.CANCELLED.label, "Отменён"),
        ("ru", PaymentPromise.Status.PROPOSED.label, "Предложено"),
        ("ru", DunningAction.Status.DONE.label, "Выполнен"),
        ("ru", Invoice._meta.get_field("due_date").verbose_name, "срок оплаты"),
        ("en", Invoice.Status.CANCELLED.label, "Cancelled"),
    ],
)
def test_status_words_in_each_language(language, label, expected):
    with translation.override(language):
        assert str(label) == expected


@pytest.mark.django_db
def test_the_invoice_list_heads_the_date_column_with_the_payment_due(member_client, member):
    member.language = "ru"
    member.save(update_fields=["language"])

    page = member_client.get("/billing/invoices/").content.decode()

    assert "<th>Срок оплаты</th>" in page
