import pytest

from accord.billing.models import Invoice, Payment

from .conftest import login

pytestmark = pytest.mark.browser


def test_receivables_late_invoice_and_a_payment(page, live_server, demo_workspace, artifacts_dir):
    login(page, live_server)

    page.get_by_role("link", name="Money").click()
    page.locator(".chart svg").first.wait_for()
    late_row = page.locator("table.late-invoices tr").filter(has_text="СЛ-2026/14-02")
    assert "Payment-plan proposal" in late_row.locator(".next-step").inner_text()
    page.screenshot(path=str(artifacts_dir / "receivables.png"), full_page=True)

    late_row.get_by_role("link", name="СЛ-2026/14-02").click()
    page.locator(".ladder").get_by_text("Call task for the account owner").first.wait_for()
    page.fill("#id_amount", "440000")
    page.fill("#id_reference", "п/п 5120")
    page.get_by_role("button", name="Record the payment").click()
    page.get_by_text("Payment recorded.").wait_for()

    invoice = Invoice.objects.get(number="СЛ-2026/14-02")
    assert invoice.amount_paid == 440000
    assert Payment.objects.filter(invoice=invoice, reference="п/п 5120").count() == 1
    # The demo user reads English: the outstanding amount in English notation.
    assert "RUB1,000,000.00" in page.locator(".invoice-summary").inner_text()
