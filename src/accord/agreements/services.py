"""Agreement log and commitments: every decision keeps its versions, every change an event."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.errors import DomainError
from accord.core.events import acting_user, event_record, snapshot

from .models import Agreement, Commitment

AGREEMENT_REVISABLE = (
    "title",
    "details",
    "source",
    "source_reference",
    "decided_on",
    "accepted_by",
)
COMMITMENT_EDITABLE = (
    "title",
    "side",
    "owner_member",
    "owner_contact",
    "due_date",
    "milestone",
    "estimate_hours",
    "origin_label",
)


def _check_contact_in_project(*, project, contact, field: str) -> None:
    if contact is not None and contact.client_id != project.client_id:
        raise DomainError(_("The person must belong to the project's client."), field=field)


def _source_record_fields(source_record) -> dict[str, Any]:
    if source_record is None:
        return {}
    return {
        "source_record_type": ContentType.objects.get_for_model(source_record),
        "source_record_id": source_record.pk,
    }


def agreement_check(*, project, title: str, source: str, decided_on, accepted_by=None) -> None:
    if not (title or "").strip():
        raise DomainError(_("Write down what was decided."), field="title")
    if source not in Agreement.Source.values:
        raise DomainError(_("Unknown source of the decision."), field="source")
    if decided_on is None:
        raise DomainError(_("When was it decided?"), field="decided_on")
    if decided_on > timezone.localdate() + datetime.timedelta(days=1):
        raise DomainError(_("A decision cannot be dated in the future."), field="decided_on")
    _check_contact_in_project(project=project, contact=accepted_by, field="accepted_by")


@transaction.atomic
def agreement_record(
    *,
    project,
    title: str,
    source: str,
    decided_on,
    actor,
    details: str = "",
    accepted_by=None,
    status: str = Agreement.Status.ACCEPTED,
    source_reference: str = "",
    source_record=None,
) -> Agreement:
    """Add a decision to the project's agreement log."""
    agreement_check(
        project=project, title=title, source=source, decided_on=decided_on, accepted_by=accepted_by
    )
    if status not in {Agreement.Status.PROPOSED, Agreement.Status.ACCEPTED}:
        raise DomainError(_("A new decision is either proposed or accepted."), field="status")
    agreement = Agreement.objects.create(
        workspace=project.workspace,
        project=project,
        title=title.strip(),
        details=details,
        source=source,
        source_reference=source_reference,
        decided_on=decided_on,
        accepted_by=accepted_by,
        status=status,
        recorded_by=acting_user(actor),
        **_source_record_fields(source_record),
    )
    event_record(
        workspace=project.workspace,
        actor=actor,
        verb="agreement.recorded",
        target=agreement,
        after=snapshot(agreement),
    )
    return agreement


@transaction.atomic
def agreement_revise(*, agreement: Agreement, actor, **changes: Any) -> Agreement:
    """Record a new version that supersedes ``agreement``; the old version stays as it was."""
    unknown = set(changes) - set(AGREEMENT_REVISABLE) - {"source_record", "status"}
    if unknown:
        raise DomainError(f"Cannot revise {', '.join(sorted(unknown))}.")
    current = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if current.status in {Agreement.Status.SUPERSEDED, Agreement.Status.REVERSED}:
        raise DomainError(
            _("Only the current version of a decision can be revised."), field="title"
        )
    values = {name: getattr(current, name) for name in AGREEMENT_REVISABLE}
    values.update({key: value for key, value in changes.items() if key in AGREEMENT_REVISABLE})
    agreement_check(
        project=current.project,
        **{k: values[k] for k in ("title", "source", "decided_on", "accepted_by")},
    )
    if all(values[name] == getattr(current, name) for name in AGREEMENT_REVISABLE):
        raise DomainError(_("Nothing changed in the decision."), field="title")
    source_record = changes.get("source_record")
    new_version = Agreement.objects.create(
        workspace=current.workspace,
        project=current.project,
        lineage=current.lineage,
        version=current.version + 1,
        supersedes=current,
        status=changes.get(
            "status",
            current.status
            if current.status != Agreement.Status.DISPUTED
            else Agreement.Status.PROPOSED,
        ),
        recorded_by=acting_user(actor),
        **values,
        **(
            _source_record_fields(source_record)
            if source_record is not None
            else {
                "source_record_type_id": current.source_record_type_id,
                "source_record_id": current.source_record_id,
            }
        ),
    )
    before = snapshot(current)
    current.status = Agreement.Status.SUPERSEDED
    current.save(update_fields=["status", "updated_at"])
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb="agreement.revised",
        target=new_version,
        before=before,
        after=snapshot(new_version),
    )
    return new_version


AGREEMENT_TRANSITIONS = {
    Agreement.Status.PROPOSED: {Agreement.Status.ACCEPTED, Agreement.Status.DISPUTED},
    Agreement.Status.DISPUTED: {Agreement.Status.ACCEPTED, Agreement.Status.PROPOSED},
    Agreement.Status.ACCEPTED: {Agreement.Status.DISPUTED},
}


@transaction.atomic
def agreement_set_status(*, agreement: Agreement, status: str, actor) -> Agreement:
    """Move a decision between proposed, accepted and disputed."""
    current = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if status == current.status:
        return current
    if status not in AGREEMENT_TRANSITIONS.get(current.status, set()):
        raise DomainError(
            _("A %(old)s decision cannot become %(new)s.")
            % {"old": current.get_status_display(), "new": Agreement.Status(status).label},
            field="status",
        )
    before = snapshot(current, ["status"])
    current.status = status
    current.save(update_fields=["status", "updated_at"])
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb=f"agreement.{status}",
        target=current,
        before=before,
        after=snapshot(current, ["status"]),
    )
    return current


@transaction.atomic
def agreement_reverse(
    *, agreement: Agreement, actor, reversed_by_contact=None, note: str = ""
) -> Agreement:
    """The client went back on an accepted decision: keep it, mark who reversed it and when."""
    current = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if current.status != Agreement.Status.ACCEPTED:
        raise DomainError(_("Only an accepted decision can be reversed."), field="status")
    _check_contact_in_project(
        project=current.project, contact=reversed_by_contact, field="reversed_by_contact"
    )
    before = snapshot(current)
    current.status = Agreement.Status.REVERSED
    current.reversed_at = timezone.now()
    current.reversed_by_contact = reversed_by_contact
    current.reversed_by_user = acting_user(actor)
    current.reversal_note = note
    current.save()
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb="agreement.reversed",
        target=current,
        before=before,
        after=snapshot(current),
    )
    return current


def commitment_check(
    *,
    project,
    title: str,
    side: str,
    due_date,
    owner_member=None,
    owner_contact=None,
    milestone=None,
    estimate_hours=None,
) -> None:
    if not (title or "").strip():
        raise DomainError(_("Say what has to be done."), field="title")
    if side not in Commitment.Side.values:
        raise DomainError(_("Choose whose side the commitment is on."), field="side")
    if due_date is None:
        raise DomainError(_("A commitment needs a due date."), field="due_date")
    if project.start_date and due_date < project.start_date:
        raise DomainError(
            _("The due date is before the project starts (%(date)s).")
            % {"date": project.start_date},
            field="due_date",
        )
    if side == Commitment.Side.CLIENT and owner_member is not None:
        raise DomainError(
            _("A client-side commitment is owned by a client person."), field="owner_member"
        )
    if side == Commitment.Side.OURS and owner_contact is not None:
        raise DomainError(_("Our commitment is owned by a team member."), field="owner_contact")
    if owner_member is not None and owner_member.workspace_id != project.workspace_id:
        raise DomainError(_("The owner is not a member of this workspace."), field="owner_member")
    _check_contact_in_project(project=project, contact=owner_contact, field="owner_contact")
    if milestone is not None and milestone.project_id != project.pk:
        raise DomainError(_("The milestone belongs to another project."), field="milestone")
    if estimate_hours is not None and Decimal(estimate_hours) < 0:
        raise DomainError(_("The estimate cannot be negative."), field="estimate_hours")


@transaction.atomic
def commitment_create(
    *,
    project,
    title: str,
    side: str,
    due_date,
    actor,
    owner_member=None,
    owner_contact=None,
    milestone=None,
    estimate_hours=None,
    origin=None,
    origin_label: str = "",
) -> Commitment:
    """Add an action item for our side or the client's side."""
    commitment_check(
        project=project,
        title=title,
        side=side,
        due_date=due_date,
        owner_member=owner_member,
        owner_contact=owner_contact,
        milestone=milestone,
        estimate_hours=estimate_hours,
    )
    commitment = Commitment.objects.create(
        workspace=project.workspace,
        project=project,
        title=title.strip(),
        side=side,
        due_date=due_date,
        owner_member=owner_member,
        owner_contact=owner_contact,
        milestone=milestone,
        estimate_hours=estimate_hours,
        origin_type=ContentType.objects.get_for_model(origin) if origin is not None else None,
        origin_id=origin.pk if origin is not None else None,
        origin_label=origin_label or (str(origin) if origin is not None else ""),
    )
    event_record(
        workspace=project.workspace,
        actor=actor,
        verb="commitment.created",
        target=commitment,
        after=snapshot(commitment),
    )
    return commitment


@transaction.atomic
def commitment_update(*, commitment: Commitment, actor, **changes: Any) -> Commitment:
    unknown = set(changes) - set(COMMITMENT_EDITABLE) - {"status"}
    if unknown:
        raise DomainError(f"Cannot change {', '.join(sorted(unknown))}.")
    current = Commitment.objects.select_for_update().select_related("project").get(pk=commitment.pk)
    values = {name: getattr(current, name) for name in COMMITMENT_EDITABLE}
    values.update({key: value for key, value in changes.items() if key in COMMITMENT_EDITABLE})
    commitment_check(
        project=current.project,
        **{
            k: values[k]
            for k in (
                "title",
                "side",
                "due_date",
                "owner_member",
                "owner_contact",
                "milestone",
                "estimate_hours",
            )
        },
    )
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    if "status" in changes:
        status = changes["status"]
        if status not in Commitment.Status.values:
            raise DomainError(_("Unknown status."), field="status")
        if status != current.status:
            # Completion time is when it became done; editing a done commitment keeps it.
            current.done_at = timezone.now() if status == Commitment.Status.DONE else None
        elif status == Commitment.Status.DONE and current.done_at is None:
            current.done_at = timezone.now()
        current.status = status
    current.save()
    event_record(
        workspace=current.workspace,
        actor=actor,
        verb="commitment.updated",
        target=current,
        before=before,
        after=snapshot(current),
    )
    return current


def commitment_complete(*, commitment: Commitment, actor) -> Commitment:
    return commitment_update(commitment=commitment, actor=actor, status=Commitment.Status.DONE)
