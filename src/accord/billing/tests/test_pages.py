"""Pages and API of billing, end to end with the test client; workspaces never see each other."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.billing import services
from accord.billing.models import DunningStep, Invoice, Payment
from accord.billing.tests.factories import InvoiceFactory
from accord.projects.tests.factories import ContractFactory
from accord.workspaces.services import member_issue_api_token
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def late_invoices(member):
    project = ContractFactory(project__client__workspace=member.workspace).project
    old = InvoiceFactory(
        project=project,
        number="OLD-1",
        amount=Decimal("100"),
        issue_date=_days(-80),
        due_date=_days(-70),
    )
    big = InvoiceFactory(
        project=project,
        number="BIG-1",
        amount=Decimal("5000"),
        issue_date=_days(-20),
        due_date=_days(-10),
    )
    small = InvoiceFactory(
        project=project,
        number="SMALL-1",
        amount=Decimal("50"),
        issue_date=_days(-20),
        due_date=_days(-10),
    )
    current = InvoiceFactory(
        project=project,
        number="NOW-1",
        amount=Decimal("700"),
        issue_date=_days(-2),
        due_date=_days(12),
    )
    return {"old": old, "big": big, "small": small, "current": current}


def test_receivables_page_has_buckets_and_a_translated_svg_chart(
    member, member_client, late_invoices
):
    english = member_client.get("/billing/").content.decode()
    member.language = "pl"
    member.save()
    polish = member_client.get("/billing/").content.decode()

    assert "<svg" in english
    assert "Receivables by age (EUR)" in english
    assert "Days past the due date" in english
    assert "61–90 days" in english
    assert "Należności według wieku (EUR)" in polish
    # 70 days late sits in 61-90, the two 10-day ones in 1-30, the current one in "not yet due".
    row = english.split('class="ageing"')[1]
    assert "€5,050.00" in row and "€100.00" in row and "€700.00" in row


def test_late_list_is_sorted_by_age_then_amount(member_client, late_invoices):
    page = member_client.get("/billing/late/").content.decode()

    positions = [page.index(number) for number in ("OLD-1", "BIG-1", "SMALL-1")]
    assert positions == sorted(positions)
    assert "NOW-1" not in page
    # After no run at all, the latest due step is the one the next run carries out.
    assert "Call task for the account owner" in page
    assert "Hand-over to a lawyer or collection agency" in page


def test_invoice_page_shows_payments_ladder_and_next_step(member_client, late_invoices):
    invoice = late_invoices["big"]
    services.payment_record(
        invoice=invoice, amount="1000", paid_on=_days(-1), reference="TX-77", actor=None
    )

    page = member_client.get(f"/billing/invoices/{invoice.pk}/").content.decode()

    assert "TX-77" in page
    assert "€4,000.00" in page
    assert "Next step" in page
    for action in DunningStep.Action.labels:
        assert str(action) in page


def test_invoice_form_creates_an_invoice_with_due_date_from_terms(
    member, member_client, late_invoices
):
    project = late_invoices["big"].project

    response = member_client.post(
        "/billing/invoices/new/",
        {
            "project": project.pk,
            "number": "F-9",
            "amount": "99.90",
            "currency": "",
            "issue_date": "2026-03-02",
        },
    )

    invoice = Invoice.objects.get(number="F-9")
    assert response.status_code == 302
    assert invoice.due_date == datetime.date(2026, 3, 16)


def test_invalid_invoice_form_says_why_and_writes_nothing(member_client, late_invoices):
    project = late_invoices["big"].project

    response = member_client.post(
        "/billing/invoices/new/",
        {"project": project.pk, "number": "OLD-1", "amount": "10", "issue_date": "2026-03-02"},
    )

    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert Invoice.objects.filter(number="OLD-1").count() == 1


def test_payment_form_records_and_refuses(member_client, late_invoices):
    invoice = late_invoices["small"]
    url = f"/billing/invoices/{invoice.pk}/payments/"

    bad = member_client.post(
        url, {"amount": "-3", "paid_on": "2026-03-02", "method": "bank_transfer"}
    )
    good = member_client.post(
        url, {"amount": "20", "paid_on": _days(0).isoformat(), "method": "card"}
    )

    assert bad.status_code == 400
    assert good.status_code == 302
    assert list(Payment.objects.values_list("amount", flat=True)) == [Decimal("20")]


def test_ladder_page_edits_the_ladder(member, member_client):
    page = member_client.get("/billing/ladder/")
    steps = list(DunningStep.objects.filter(workspace=member.workspace))
    data = {"form-TOTAL_FORMS": "6", "form-INITIAL_FORMS": "5"}
    for index, step in enumerate(steps):
        data.update(
            {
                f"form-{index}-id": step.pk,
                f"form-{index}-days_late": step.days_late + (2 if step.days_late == 7 else 0),
                f"form-{index}-action": step.action,
                f"form-{index}-is_active": "on",
            }
        )
    data.update(
        {
            "form-4-delete": "on",
            "form-5-days_late": "60",
            "form-5-action": "handover",
            "form-5-is_active": "on",
        }
    )

    response = member_client.post("/billing/ladder/", data)

    assert page.status_code == 200
    assert response.status_code == 302
    assert list(
        DunningStep.objects.filter(workspace=member.workspace).values_list("days_late", "action")
    ) == [
        (1, "reminder"),
        (9, "call"),
        (14, "plan_proposal"),
        (30, "formal_notice"),
        (60, "handover"),
    ]


def test_ladder_refuses_two_steps_on_one_day(member, member_client):
    steps = list(DunningStep.objects.filter(workspace=member.workspace)) or None
    member_client.get("/billing/ladder/")
    steps = list(DunningStep.objects.filter(workspace=member.workspace))
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for index, step in enumerate(steps[:2]):
        data.update(
            {
                f"form-{index}-id": step.pk,
                f"form-{index}-days_late": 5,
                f"form-{index}-action": step.action,
                f"form-{index}-is_active": "on",
            }
        )

    response = member_client.post("/billing/ladder/", data)

    assert response.status_code == 400
    assert "Two steps on day 5" in response.content.decode()
    assert DunningStep.objects.filter(workspace=member.workspace).count() == 5


def test_api_reads_creates_and_records_a_payment(member, client, late_invoices):
    token = member_issue_api_token(member=member)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    project = late_invoices["big"].project

    listed = client.get("/api/v1/billing/invoices?overdue=true", **headers).json()
    created = client.post(
        "/api/v1/billing/invoices",
        {
            "project_id": project.pk,
            "number": "API-1",
            "amount": "250.00",
            "issue_date": "2026-03-02",
        },
        content_type="application/json",
        **headers,
    )
    invoice_id = created.json()["id"]
    paid = client.post(
        f"/api/v1/billing/invoices/{invoice_id}/payments",
        {"amount": "300.00", "paid_on": "2026-03-05", "reference": "R1"},
        content_type="application/json",
        **headers,
    )
    again = client.post(
        f"/api/v1/billing/invoices/{invoice_id}/payments",
        {"amount": "300.00", "paid_on": "2026-03-05", "reference": "R1"},
        content_type="application/json",
        **headers,
    )
    bad = client.post(
        "/api/v1/billing/invoices",
        {
            "project_id": project.pk,
            "number": "API-2",
            "amount": "1",
            "currency": "XXY",
            "issue_date": "2026-03-02",
        },
        content_type="application/json",
        **headers,
    )
    detail = client.get(f"/api/v1/billing/invoices/{invoice_id}", **headers).json()

    assert [item["number"] for item in listed] == ["OLD-1", "BIG-1", "SMALL-1"]
    assert created.status_code == 201
    assert created.json()["due_date"] == "2026-03-16"
    assert paid.status_code == 201
    assert again.status_code == 409
    assert bad.status_code == 422
    assert (detail["status"], Decimal(detail["overpaid"])) == ("paid", Decimal("50.00"))


def test_another_workspace_sees_nothing(client, late_invoices):
    stranger = MemberFactory()
    client.force_login(stranger.user)
    token = member_issue_api_token(member=stranger)
    invoice = late_invoices["big"]

    page = client.get(f"/billing/invoices/{invoice.pk}/")
    zip_file = client.get(f"/billing/invoices/{invoice.pk}/handover.zip")
    pay = client.post(
        f"/billing/invoices/{invoice.pk}/payments/",
        {"amount": "1", "paid_on": "2026-03-02", "method": "card"},
    )
    api = client.get(f"/api/v1/billing/invoices/{invoice.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    api_list = client.get("/api/v1/billing/invoices", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    receivables = client.get("/billing/").content.decode()

    assert (page.status_code, zip_file.status_code, pay.status_code, api.status_code) == (
        404,
        404,
        404,
        404,
    )
    assert api_list == []
    assert "BIG-1" not in receivables
    assert Payment.objects.count() == 0


def test_pages_need_a_login(client):
    response = client.get("/billing/")
    api = client.get("/api/v1/billing/invoices")

    assert response.status_code == 302
    assert api.status_code == 401


def test_project_page_shows_invoices_panel_and_late_problem(member_client, late_invoices):
    project = late_invoices["big"].project

    page = member_client.get(f"/projects/{project.pk}/").content.decode()

    assert "Invoices and payments" in page
    assert "OLD-1" in page
    assert "late invoice" in page


def test_invoice_page_and_api_show_the_history_of_every_service(member, member_client):
    from accord.billing.dunning import dunning_run
    from accord.billing.plans import payment_plan_agree

    project = ContractFactory(project__client__workspace=member.workspace).project
    invoice = services.invoice_create(
        project=project,
        number="HIST-1",
        amount="900.00",
        currency="EUR",
        issue_date=datetime.date(2026, 8, 3),
        due_date=datetime.date(2026, 8, 17),
        actor=member.user,
    )
    services.payment_record(
        invoice=invoice, amount="300.00", paid_on=datetime.date(2026, 8, 20), actor=member.user
    )
    dunning_run(today=datetime.date(2026, 8, 18))
    payment_plan_agree(
        invoice=invoice,
        instalments=[(datetime.date(2026, 9, 1), "300.00"), (datetime.date(2026, 9, 15), "300.00")],
        agreed_on=datetime.date(2026, 8, 20),
        actor=member.user,
    )
    other = services.invoice_create(
        project=project,
        number="HIST-2",
        amount="50.00",
        currency="EUR",
        issue_date=datetime.date(2026, 8, 3),
        actor=member.user,
    )
    services.invoice_cancel(invoice=other, actor=member.user, reason="Sent twice")

    page = member_client.get(f"/billing/invoices/{invoice.pk}/").content.decode()
    api = member_client.get(f"/api/v1/billing/invoices/{invoice.pk}/history").json()
    cancelled = member_client.get(f"/api/v1/billing/invoices/{other.pk}/history").json()

    assert "Change history" in page
    verbs = [entry["verb"] for entry in api]
    assert verbs[:2] == ["invoice.issued", "payment.recorded"]
    assert {"invoice.case_joined", "dunning.reminder", "payment_plan.agreed"} <= set(verbs)
    assert all(verb in page for verb in verbs)
    paid = next(entry for entry in api if entry["verb"] == "payment.recorded")
    assert {change["field"] for change in paid["changes"]} >= {"amount_paid", "status"}
    assert paid["actor"] == member.user.username
    assert [entry["verb"] for entry in cancelled] == ["invoice.issued", "invoice.cancelled"]
    assert "HIST-2" not in page  # another invoice's history stays on its own page


def test_api_rule_errors_name_the_field(member, client, late_invoices):
    token = member_issue_api_token(member=member)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    invoice = late_invoices["big"]
    from accord.clients.tests.factories import ContactFactory

    foreign_contact = ContactFactory(client__workspace=MemberFactory().workspace)

    def post(url, body):
        return client.post(url, body, content_type="application/json", **headers)

    base = {"project_id": invoice.project_id, "amount": "10", "issue_date": "2026-03-02"}
    currency = post("/api/v1/billing/invoices", {**base, "number": "E-1", "currency": "XXY"})
    due = post("/api/v1/billing/invoices", {**base, "number": "E-2", "due_date": "2026-03-01"})
    duplicate = post("/api/v1/billing/invoices", {**base, "number": "BIG-1"})
    contact = post(
        "/api/v1/billing/invoices",
        {**base, "number": "E-3", "billing_contact_id": foreign_contact.pk},
    )
    future = post(
        f"/api/v1/billing/invoices/{invoice.pk}/payments",
        {"amount": "5", "paid_on": "2100-01-01"},
    )
    method = post(
        f"/api/v1/billing/invoices/{invoice.pk}/payments",
        {"amount": "5", "paid_on": "2026-03-05", "method": "barter"},
    )

    def fields(response):
        return [error["field"] for error in response.json()["errors"]]

    assert (currency.status_code, fields(currency)) == (422, ["currency"])
    assert (due.status_code, fields(due)) == (422, ["due_date"])
    assert (duplicate.status_code, fields(duplicate)) == (409, ["number"])
    assert (contact.status_code, fields(contact)) == (422, ["billing_contact_id"])
    assert (future.status_code, fields(future)) == (422, ["paid_on"])
    assert (method.status_code, fields(method)) == (422, ["method"])
    assert "BIG-1" in duplicate.json()["detail"]
    assert not Invoice.objects.filter(number__startswith="E-").exists()
    assert Payment.objects.filter(invoice=invoice).count() == 0


BAR_COLOURS = ("#6a9f6a", "#e0b040", "#e08a30", "#d0602a", "#b03a2e")


def _bar_heights(svg: str) -> list[float]:
    """Heights of the five bars of an ageing chart (matplotlib draws each as a path)."""
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    heights = []
    for group in root.iter(f"{namespace}g"):
        if not (group.get("id") or "").startswith("patch_"):
            continue
        path = group.find(f"{namespace}path")
        style = path.get("style") if path is not None else ""
        if not any(f"fill: {colour}" in (style or "") for colour in BAR_COLOURS):
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        ys = numbers[1::2]
        heights.append(round(max(ys) - min(ys), 3))
    return heights


def test_ageing_totals_in_sql_match_the_invoice_by_invoice_ones(member, late_invoices):
    from accord.billing import selectors

    services.payment_record(
        invoice=late_invoices["big"], amount="1000", paid_on=_days(-1), actor=member.user
    )
    InvoiceFactory(
        project=late_invoices["big"].project,
        number="PLN-1",
        currency="PLN",
        amount=Decimal("400"),
        issue_date=_days(-200),
        due_date=_days(-95),
    )
    workspace = member.workspace

    by_sql = selectors.ageing_totals_by_currency(workspace=workspace)
    by_rows = selectors.ageing_totals(selectors.receivables_ageing(workspace=workspace))

    assert by_sql == by_rows
    assert by_sql["EUR"]["1-30"] == Decimal("4050") and by_sql["PLN"]["90+"] == Decimal("400")
    assert selectors.open_currencies(workspace=workspace) == ["EUR", "PLN"]


def test_dashboard_and_project_page_show_the_ageing_chart(member, member_client, late_invoices):
    project = late_invoices["big"].project
    InvoiceFactory(
        project=ContractFactory(project__client__workspace=member.workspace).project,
        number="PLN-1",
        currency="PLN",
        amount=Decimal("400"),
        issue_date=_days(-200),
        due_date=_days(-95),
    )

    dashboard = member_client.get("/").content.decode()
    project_page = member_client.get(f"/projects/{project.pk}/").content.decode()
    workspace_svg = member_client.get("/billing/charts/ageing.svg")
    project_svg = member_client.get(f"/billing/charts/project/{project.pk}/ageing.svg")
    member.language = "ru"
    member.save()
    russian = member_client.get("/billing/charts/ageing.svg").content.decode()

    assert 'src="/billing/charts/ageing.svg"' in dashboard
    assert "Receivables by age" in dashboard
    assert f'src="/billing/charts/project/{project.pk}/ageing.svg"' in project_page
    assert workspace_svg["Content-Type"].startswith("image/svg+xml")
    svg = workspace_svg.content.decode()
    # One chart per currency, never added together.
    assert "Receivables by age (EUR)" in svg and "Receivables by age (PLN)" in svg
    assert "Days past the due date" in svg
    assert "Дебиторская задолженность по срокам (EUR)" in russian
    assert "Days past" not in russian
    # EUR: not yet due 700, 1-30 days 5,050, 61-90 days 100 (the fixture); PLN: 400 over 90.
    heights = _bar_heights(svg)
    assert len(heights) == 10
    eur, pln = heights[:5], heights[5:]
    assert eur[2] == eur[4] == 0 and eur[1] > eur[0] > eur[3] > 0
    assert pln[:4] == [0, 0, 0, 0] and pln[4] > 0
    project_chart = project_svg.content.decode()
    assert "(EUR)" in project_chart and "(PLN)" not in project_chart


def test_ageing_charts_stay_in_the_workspace(client, late_invoices):
    stranger = MemberFactory()
    project = late_invoices["big"].project
    client.force_login(stranger.user)

    foreign = client.get(f"/billing/charts/project/{project.pk}/ageing.svg")
    own = client.get("/billing/charts/ageing.svg").content.decode()

    assert foreign.status_code == 404
    assert "Nothing is outstanding." in own
    assert "EUR" not in own and "5,050" not in own
