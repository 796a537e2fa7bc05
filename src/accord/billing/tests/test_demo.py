"""The demo shows a client late on step 2 of the ladder and one keeping a payment plan."""

import pytest
from django.utils import timezone

from accord.billing.dunning import invoice_next_step
from accord.billing.models import DunningAction, Invoice, PaymentPlan
from accord.core.demo import demo_load

pytestmark = pytest.mark.django_db


def test_demo_money():
    demo_load()
    demo_load()  # idempotent

    today = timezone.localdate()
    late = Invoice.objects.get(number="СЛ-2026/14-02")
    done = list(
        late.dunning_actions.filter(status=DunningAction.Status.DONE).values_list(
            "action", flat=True
        )
    )
    assert done == ["reminder", "call"]
    assert invoice_next_step(invoice=late, today=today).step.action == "plan_proposal"
    assert late.case is not None and late.case.situation == "payment_issue"
    reminder = late.dunning_actions.get(action="reminder")
    assert reminder.interaction.subject == "Счёт СЛ-2026/14-02: дружеское напоминание"
    assert reminder.interaction.recipients == ["buh@sevlog.ru"]

    planned = Invoice.objects.get(number="FV/2026/031/01")
    plan = planned.payment_plans.get()
    assert plan.status == PaymentPlan.Status.ACTIVE
    assert plan.agreement is not None
    assert invoice_next_step(invoice=planned, today=today).paused is True
    assert planned.amount_paid == 20000
    assert Invoice.objects.filter(workspace=late.workspace).count() == 6
