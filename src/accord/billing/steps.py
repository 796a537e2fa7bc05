"""Carrying out one ladder step: an e-mail to the billing contact, or a task for the account owner.

Called by ``dunning.invoice_dunning_advance`` inside its transaction, with the invoice locked.
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accord.agreements.models import Commitment
from accord.agreements.services import commitment_create
from accord.communications.services import email_send
from accord.core.events import event_record

from .dunning import NOTICE_DAYS
from .models import DunningAction, DunningStep, Invoice
from .services import billing_contact_for
from .texts import step_text

EMAIL_ACTIONS = {
    DunningStep.Action.REMINDER,
    DunningStep.Action.PLAN_PROPOSAL,
    DunningStep.Action.FORMAL_NOTICE,
    DunningStep.Action.HANDOVER,
}


def _sender(invoice: Invoice) -> str:
    owner = invoice.account_owner
    if owner is not None:
        return f"{owner.display_name}\n{invoice.workspace.name}"
    return invoice.workspace.name


def _task_title(invoice: Invoice, action: str, contact) -> str:
    owner = invoice.account_owner
    language = owner.language if owner is not None else invoice.workspace.default_language
    with translation.override(language or "en"):
        name = contact.name if contact is not None else invoice.client.name
        if action == DunningStep.Action.CALL:
            title = _("Call %(name)s about invoice %(number)s: learn why (a temporary difficulty?)")
        elif action == DunningStep.Action.HANDOVER:
            title = _(
                "Hand invoice %(number)s over to a lawyer or a collection agency "
                "(the hand-over file is on the invoice page)"
            )
        else:
            title = _("Send the dunning letter for invoice %(number)s to %(name)s by hand")
        return (title % {"name": name, "number": invoice.number})[:300]


def step_perform(
    *, invoice: Invoice, step: DunningStep, scheduled_for: datetime.date, today: datetime.date
) -> DunningAction:
    contact = billing_contact_for(client=invoice.client, preferred=invoice.billing_contact)
    text = step_text(
        action=step.action,
        invoice=invoice,
        contact=contact,
        sender=_sender(invoice),
        today=today,
        deadline=today + datetime.timedelta(days=NOTICE_DAYS),
    )
    interaction = None
    commitment = None
    if step.action in EMAIL_ACTIONS and contact is not None and contact.primary_email:
        interaction = email_send(
            workspace=invoice.workspace,
            actor=None,
            to_contacts=[contact],
            subject=text.subject,
            body=text.body,
            project=invoice.project,
            client=invoice.client,
            about=invoice,
        )
        if invoice.case_id is not None:
            invoice.case.interactions.add(interaction)
    if step.action == DunningStep.Action.CALL or step.action == DunningStep.Action.HANDOVER:
        task_kind = step.action
    elif interaction is None:
        task_kind = "by_hand"  # nobody to e-mail: the account owner sends it another way
    else:
        task_kind = ""
    if task_kind:
        commitment = commitment_create(
            project=invoice.project,
            title=_task_title(invoice, task_kind, contact),
            side=Commitment.Side.OURS,
            due_date=max(today, invoice.project.start_date or today),
            actor=None,
            owner_member=invoice.account_owner,
            origin=invoice,
            origin_label=invoice.number,
        )
    action = DunningAction.objects.create(
        workspace=invoice.workspace,
        invoice=invoice,
        step=step,
        action=step.action,
        days_late=step.days_late,
        status=DunningAction.Status.DONE,
        scheduled_for=scheduled_for,
        done_on=today,
        language=text.language,
        subject=text.subject[:300],
        text=text.body,
        interaction=interaction,
        commitment=commitment,
    )
    if step.action == DunningStep.Action.HANDOVER:
        invoice.handed_over_at = timezone.now()
        invoice.save(update_fields=["handed_over_at", "updated_at"])
    event_record(
        workspace=invoice.workspace,
        actor=None,
        verb=f"dunning.{step.action}",
        target=invoice,
        after={
            "days_late": step.days_late,
            "scheduled_for": scheduled_for,
            "done_on": today,
            "interaction": interaction.pk if interaction else None,
            "commitment": commitment.pk if commitment else None,
        },
    )
    return action
