"""Demo money: a Russian client late on step 2 of the ladder, a Polish one keeping a payment plan,
an English one that pays on time. The ladder history is made by the real scheduler, run on the
past days it would have run on."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from accord.projects.models import Project
from accord.projects.services import contract_for_project, contract_update
from accord.workspaces.calendar import WorkCalendar

from .dunning import invoice_dunning_advance, ladder_for_workspace, step_date
from .models import Invoice
from .plans import payment_plan_agree
from .services import invoice_create, payment_record

CLAUSES = {
    "Внедрение 1С:ERP": (
        "5.2. Заказчик оплачивает каждый этап в течение 10 (десяти) календарных дней с даты "
        "выставления счёта. За просрочку оплаты Заказчик уплачивает пени в размере 0,1 % от "
        "неоплаченной суммы за каждый день просрочки."
    ),
    "Nowy sklep internetowy": (
        "§ 7 ust. 2. Zamawiający zapłaci wynagrodzenie w terminie 14 dni od doręczenia faktury. "
        "W razie opóźnienia Wykonawcy przysługują odsetki ustawowe za opóźnienie w transakcjach "
        "handlowych."
    ),
    "Clinic CRM rollout": (
        "Clause 9.1: The Client shall pay each invoice within 30 days of the invoice date. "
        "Late payments bear interest under the Late Payment of Commercial Debts (Interest) Act 1998."
    ),
}


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _run_ladder_until(invoice: Invoice, last_day: datetime.date) -> None:
    """Run the scheduler on each past day the ladder would have acted, up to ``last_day``."""
    calendar = WorkCalendar.for_workspace(invoice.workspace)
    for step in ladder_for_workspace(workspace=invoice.workspace):
        day = step_date(
            calendar=calendar, due_date=invoice.due_date, days_late=step.days_late, pauses=[]
        )
        if day is not None and day <= last_day:
            invoice_dunning_advance(invoice_id=invoice.pk, today=day)


def demo_load(workspace) -> None:
    if Invoice.objects.filter(workspace=workspace).exists():
        return
    projects = {
        project.name: project
        for project in Project.objects.filter(
            workspace=workspace, name__in=list(CLAUSES)
        ).select_related("client")
    }
    if len(projects) != len(CLAUSES):
        return
    for name, clause in CLAUSES.items():
        contract_update(
            contract=contract_for_project(project=projects[name]), actor=None, payment_clause=clause
        )

    # Russian client: a stage invoice 10 days late; the reminder went out, the call task is open.
    erp = projects["Внедрение 1С:ERP"]
    late = invoice_create(
        project=erp,
        number="СЛ-2026/14-02",
        amount=Decimal("1440000.00"),
        currency="RUB",
        issue_date=_days(-20),
        due_date=_days(-10),
        description="Этап 2. Складской учёт (аванс 50 %)",
        actor=None,
    )
    _run_ladder_until(late, _days(-1))
    invoice_create(
        project=erp,
        number="СЛ-2026/14-01",
        amount=Decimal("960000.00"),
        currency="RUB",
        issue_date=_days(-95),
        actor=None,
    )
    paid = Invoice.objects.get(workspace=workspace, number="СЛ-2026/14-01")
    payment_record(
        invoice=paid, amount="960000.00", paid_on=_days(-88), reference="п/п 4471", actor=None
    )

    # Polish client: late, the ladder reached the plan proposal, a plan was agreed and is kept.
    shop = projects["Nowy sklep internetowy"]
    planned = invoice_create(
        project=shop,
        number="FV/2026/031/01",
        amount=Decimal("60000.00"),
        currency="PLN",
        issue_date=_days(-45),
        description="Etap 1: makiety i szablon",
        actor=None,
    )
    _run_ladder_until(planned, _days(-11))
    payment_plan_agree(
        invoice=planned,
        instalments=[(_days(-3), "20000.00"), (_days(11), "20000.00"), (_days(25), "20000.00")],
        agreed_on=_days(-10),
        accepted_by=planned.billing_contact,
        note="Klient czeka na zwrot VAT; trzy równe raty.",
        actor=None,
    )
    payment_record(
        invoice=planned,
        amount="20000.00",
        paid_on=_days(-4),
        reference="PRZELEW 2026/118",
        actor=None,
    )
    invoice_create(
        project=shop,
        number="FV/2026/031/02",
        amount=Decimal("45000.00"),
        currency="PLN",
        issue_date=_days(-3),
        description="Etap 2: katalog i koszyk (zaliczka)",
        actor=None,
    )

    # English client: paid on time, and one invoice not yet due.
    crm = projects["Clinic CRM rollout"]
    on_time = invoice_create(
        project=crm,
        number="BW-2026-07-01",
        amount=Decimal("12800.00"),
        currency="GBP",
        issue_date=_days(-60),
        actor=None,
    )
    payment_record(
        invoice=on_time, amount="12800.00", paid_on=_days(-35), reference="BACS 88120", actor=None
    )
    invoice_create(
        project=crm,
        number="BW-2026-07-02",
        amount=Decimal("9600.00"),
        currency="GBP",
        issue_date=_days(-12),
        actor=None,
    )
