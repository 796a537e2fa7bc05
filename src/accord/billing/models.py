"""Money: invoices, payments, the dunning ladder of a workspace, payment plans and promises."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import WorkspaceOwnedModel

MONEY = {"max_digits": 16, "decimal_places": 3}


def invoice_document_path(instance, filename: str) -> str:
    return f"invoices/{instance.workspace_id}/{filename}"


class Invoice(WorkspaceOwnedModel):
    """An invoice sent to a client; ``amount_paid`` is kept by the payment services under a lock."""

    class Status(models.TextChoices):
        # An invoice is feminine in Polish (faktura): the context keeps its own wording.
        ISSUED = "issued", _("Issued")
        PARTIALLY_PAID = "partially_paid", _("Partially paid")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", pgettext_lazy("invoice status", "Cancelled")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("project"),
    )
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("client"),
    )
    number = models.CharField(_("invoice number"), max_length=60)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    issue_date = models.DateField(_("issue date"))
    due_date = models.DateField(pgettext_lazy("payment", "due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ISSUED
    )
    amount_paid = models.DecimalField(_("paid"), default=Decimal("0"), **MONEY)
    billing_contact = models.ForeignKey(
        "clients.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="billed_invoices",
        verbose_name=_("billing contact"),
    )
    account_owner = models.ForeignKey(
        "workspaces.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_invoices",
        verbose_name=_("account owner"),
    )
    document = models.FileField(_("document"), upload_to=invoice_document_path, blank=True)
    description = models.CharField(_("for"), max_length=300, blank=True)
    case = models.ForeignKey(
        "situations.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invoices",
        verbose_name=_("case"),
    )
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)

    class Meta:
        ordering = ["-issue_date", "-id"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        indexes = [models.Index(fields=["workspace", "status", "due_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "number"], name="invoice_number_unique_per_workspace"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="invoice_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_paid__gte=0), name="invoice_paid_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("issue_date")),
                name="invoice_due_not_before_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("billing:invoice", args=[self.pk])

    @property
    def outstanding(self) -> Decimal:
        """What the client still owes (never negative; an over-payment is ``overpaid``)."""
        return max(self.amount - self.amount_paid, Decimal("0"))

    @property
    def overpaid(self) -> Decimal:
        return max(self.amount_paid - self.amount, Decimal("0"))

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.ISSUED, self.Status.PARTIALLY_PAID}


class Payment(WorkspaceOwnedModel):
    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("Bank transfer")
        CARD = "card", _("Card")
        CASH = "cash", _("Cash")
        OFFSET = "offset", _("Offset / credit note")
        OTHER = "other", _("Other")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="payments", verbose_name=_("invoice")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    method = models.CharField(
        _("method"), max_length=16, choices=Method.choices, default=Method.BANK_TRANSFER
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
            # A bank reference is recorded once per invoice, so a re-imported statement adds nothing.
            models.UniqueConstraint(
                fields=["invoice", "reference"],
                condition=~models.Q(reference=""),
                name="payment_reference_unique_per_invoice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.invoice.currency} ({self.paid_on})"


class DunningStep(WorkspaceOwnedModel):
    """One rung of a workspace's dunning ladder: what happens how many days after the due date."""

    class Action(models.TextChoices):
        REMINDER = "reminder", _("Friendly reminder e-mail")
        CALL = "call", _("Call task for the account owner")
        PLAN_PROPOSAL = "plan_proposal", _("Payment-plan proposal")
        FORMAL_NOTICE = "formal_notice", _("Formal notice quoting the payment clause")
        HANDOVER = "handover", _("Hand-over to a lawyer or collection agency")

    days_late = models.PositiveSmallIntegerField(_("days after the due date"))
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["days_late", "id"]
        verbose_name = _("dunning step")
        verbose_name_plural = _("dunning steps")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "days_late"], name="dunning_step_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"+{self.days_late}: {self.get_action_display()}"


class DunningAction(WorkspaceOwnedModel):
    """A ladder step as it happened (or was passed over) for one invoice: exactly one per step."""

    class Status(models.TextChoices):
        # A step (krok, шаг) is masculine, like the "passed over" next to it.
        DONE = "done", pgettext_lazy("dunning step status", "Done")
        SKIPPED = "skipped", _("Passed over (a later step was due)")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="dunning_actions", verbose_name=_("invoice")
    )
    step = models.ForeignKey(
        DunningStep, null=True, on_delete=models.SET_NULL, related_name="actions"
    )
    # The step as it was when it ran, so editing the ladder later does not rewrite history.
    action = models.CharField(_("action"), max_length=16, choices=DunningStep.Action.choices)
    days_late = models.PositiveSmallIntegerField(_("days after the due date"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    scheduled_for = models.DateField(_("scheduled for"))
    done_on = models.DateField(_("done on"))
    language = models.CharField(_("language"), max_length=2, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    interaction = models.ForeignKey(
        "communications.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dunning_actions",
    )
    commitment = models.ForeignKey(
        "agreements.Commitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dunning_actions",
    )

    class Meta:
        ordering = ["days_late", "id"]
        verbose_name = _("dunning action")
        verbose_name_plural = _("dunning actions")
        constraints = [
            models.UniqueConstraint(fields=["invoice", "step"], name="dunning_action_once_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.invoice} +{self.days_late} {self.action}"


class PaymentPlan(WorkspaceOwnedModel):
    """Instalments the client agreed to; while kept, the dunning ladder of the invoice waits."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Being kept")
        COMPLETED = "completed", _("Completed")
        BROKEN = "broken", _("Broken (an instalment was missed)")
        CANCELLED = "cancelled", _("Cancelled")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="payment_plans", verbose_name=_("invoice")
    )
    agreed_on = models.DateField(_("agreed on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    accepted_by = models.ForeignKey(
        "clients.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agreed by (client)"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payment_plans",
    )
    # Payments already on the invoice when the plan was agreed; instalments cover the rest.
    paid_before = models.DecimalField(default=Decimal("0"), **MONEY)
    # The day the ladder resumed: an instalment was missed, or the plan was cancelled.
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-agreed_on", "-id"]
        verbose_name = _("payment plan")
        verbose_name_plural = _("payment plans")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice"],
                condition=models.Q(status="active"),
                name="payment_plan_one_active_per_invoice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice} plan {self.agreed_on}"


class Instalment(models.Model):
    plan = models.ForeignKey(PaymentPlan, on_delete=models.CASCADE, related_name="instalments")
    due_date = models.DateField(pgettext_lazy("payment", "due date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    commitment = models.ForeignKey(
        "agreements.Commitment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="instalment_amount_positive"
            ),
            models.UniqueConstraint(fields=["plan", "due_date"], name="instalment_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.due_date}: {self.amount}"


class InvoiceMention(WorkspaceOwnedModel):
    """A message about paying an invoice, linked to the invoice it names by number."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="mentions")
    interaction = models.ForeignKey(
        "communications.Interaction", on_delete=models.CASCADE, related_name="invoice_mentions"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "interaction"], name="invoice_mention_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice} ← {self.interaction_id}"


class PaymentPromise(WorkspaceOwnedModel):
    """ "We will pay on the 15th": a proposed client commitment until a member accepts it."""

    class Status(models.TextChoices):
        # A promise is feminine in Polish (obietnica), neuter in Russian (обещание).
        PROPOSED = "proposed", pgettext_lazy("payment promise status", "Proposed")
        ACCEPTED = "accepted", _("Recorded as a client commitment")
        DISMISSED = "dismissed", pgettext_lazy("payment promise status", "Dismissed")

    invoice = models.ForeignKey(
        Invoice, null=True, blank=True, on_delete=models.CASCADE, related_name="promises"
    )
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    interaction = models.ForeignKey(
        "communications.Interaction", on_delete=models.CASCADE, related_name="payment_promises"
    )
    contact = models.ForeignKey(
        "clients.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    promised_date = models.DateField(_("promised date"))
    quote = models.CharField(_("the client's words"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    commitment = models.ForeignKey(
        "agreements.Commitment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["interaction"], name="payment_promise_once_per_message")
        ]

    def __str__(self) -> str:
        return f"{self.promised_date}: {self.quote[:40]}"
