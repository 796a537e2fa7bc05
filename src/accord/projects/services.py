"""Projects, their contracts (rules of cooperation), scope and milestones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accord.core.errors import DomainError
from accord.core.events import event_record, snapshot
from accord.core.updates import locked_with_changes, save_with_event

from .models import Contract, Milestone, Project, ScopeItem

PROJECT_FIELDS = (
    "name",
    "description",
    "status",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "max_client_attendees",
    "silence_threshold_days",
)
CONTRACT_FIELDS = (
    "number",
    "signed_date",
    "document",
    "hourly_rate",
    "payment_terms_days",
    "payment_clause",
    "response_time_hours",
    "meeting_cadence",
    "documentation_list",
    "escalation_path",
    "notes",
)
MILESTONE_FIELDS = (
    "name",
    "deliverable",
    "planned_date",
    "forecast_date",
    "done_date",
    "demoed_at",
    "position",
)


def project_check(
    *,
    client,
    name: str,
    start_date=None,
    end_date=None,
    budget=None,
    currency: str = "EUR",
    exclude_id: int | None = None,
) -> None:
    if not (name or "").strip():
        raise DomainError(_("A project needs a name."), field="name")
    clash = Project.objects.filter(client=client, name__iexact=name.strip())
    if exclude_id:
        clash = clash.exclude(pk=exclude_id)
    if clash.exists():
        raise DomainError(_("This client already has a project with this name."), field="name")
    if start_date and end_date and end_date < start_date:
        raise DomainError(_("The project cannot end before it starts."), field="end_date")
    if budget is not None and Decimal(budget) < 0:
        raise DomainError(_("The budget cannot be negative."), field="budget")
    if not currency or len(currency) != 3 or not currency.isalpha():
        raise DomainError(
            _("Use a three-letter currency code such as EUR, PLN or USD."), field="currency"
        )


@transaction.atomic
def project_create(
    *,
    client,
    actor,
    name: str,
    description: str = "",
    status: str = Project.Status.ACTIVE,
    start_date=None,
    end_date=None,
    budget=None,
    currency: str = "EUR",
    max_client_attendees: int = 4,
    silence_threshold_days: int = 3,
) -> Project:
    currency = (currency or "").upper()
    project_check(
        client=client,
        name=name,
        start_date=start_date,
        end_date=end_date,
        budget=budget,
        currency=currency,
    )
    project = Project.objects.create(
        workspace=client.workspace,
        client=client,
        name=name.strip(),
        description=description,
        status=status,
        start_date=start_date,
        end_date=end_date,
        budget=budget,
        currency=currency,
        max_client_attendees=max_client_attendees,
        silence_threshold_days=silence_threshold_days,
    )
    Contract.objects.create(workspace=client.workspace, project=project)
    event_record(
        workspace=client.workspace,
        actor=actor,
        verb="project.created",
        target=project,
        after=snapshot(project),
    )
    return project


@transaction.atomic
def project_update(*, project: Project, actor, **changes: Any) -> Project:
    current, values = locked_with_changes(
        Project, project.pk, allowed=PROJECT_FIELDS, changes=changes
    )
    values["currency"] = (values["currency"] or "").upper()
    project_check(
        client=current.client,
        name=values["name"],
        start_date=values["start_date"],
        end_date=values["end_date"],
        budget=values["budget"],
        currency=values["currency"],
        exclude_id=current.pk,
    )
    return save_with_event(
        current, values, workspace=current.workspace, actor=actor, verb="project.updated"
    )


def contract_for_project(*, project: Project) -> Contract:
    try:
        return project.contract  # joined by the project selectors: no query
    except Contract.DoesNotExist:
        pass
    contract, _created = Contract.objects.get_or_create(
        project=project, defaults={"workspace_id": project.workspace_id}
    )
    project.contract = contract
    return contract


@transaction.atomic
def contract_update(*, contract: Contract, actor, **changes: Any) -> Contract:
    unknown = set(changes) - set(CONTRACT_FIELDS)
    if unknown:
        raise DomainError(f"Cannot change {', '.join(sorted(unknown))}.")
    if changes.get("hourly_rate") is not None and Decimal(changes["hourly_rate"]) < 0:
        raise DomainError(_("The hourly rate cannot be negative."), field="hourly_rate")
    if changes.get("meeting_cadence", "") not in Contract.Cadence.values:
        raise DomainError(_("Unknown meeting cadence."), field="meeting_cadence")
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    before = snapshot(contract)
    for name, value in changes.items():
        setattr(contract, name, value)
    contract.save()
    event_record(
        workspace=contract.workspace,
        actor=actor,
        verb="contract.updated",
        target=contract,
        before=before,
        after=snapshot(contract),
    )
    return contract


@transaction.atomic
def scope_item_add(
    *,
    contract: Contract,
    actor,
    title: str,
    description: str = "",
    kind: str = ScopeItem.Kind.INCLUDED,
) -> ScopeItem:
    if not (title or "").strip():
        raise DomainError(_("Describe the scope item."), field="title")
    if kind not in ScopeItem.Kind.values:
        raise DomainError(_("Unknown kind of scope item."), field="kind")
    position = contract.scope_items.count()
    item = ScopeItem.objects.create(
        workspace=contract.workspace,
        contract=contract,
        title=title.strip(),
        description=description,
        kind=kind,
        position=position,
    )
    event_record(
        workspace=contract.workspace,
        actor=actor,
        verb="scope_item.added",
        target=item,
        after=snapshot(item),
    )
    return item


@transaction.atomic
def scope_item_remove(*, item: ScopeItem, actor) -> None:
    before = snapshot(item)
    event_record(
        workspace=item.workspace,
        actor=actor,
        verb="scope_item.removed",
        target=item.contract,
        before=before,
    )
    item.delete()


def milestone_check(*, project: Project, name: str, planned_date) -> None:
    if not (name or "").strip():
        raise DomainError(_("A milestone needs a name."), field="name")
    if planned_date is None:
        raise DomainError(_("A milestone needs a planned date."), field="planned_date")
    if project.start_date and planned_date < project.start_date:
        raise DomainError(
            _("The planned date is before the project starts (%(date)s).")
            % {"date": project.start_date},
            field="planned_date",
        )


@transaction.atomic
def milestone_create(
    *, project: Project, actor, name: str, planned_date, deliverable: str = "", forecast_date=None
) -> Milestone:
    milestone_check(project=project, name=name, planned_date=planned_date)
    milestone = Milestone.objects.create(
        workspace=project.workspace,
        project=project,
        name=name.strip(),
        planned_date=planned_date,
        deliverable=deliverable,
        forecast_date=forecast_date,
        position=project.milestones.count(),
    )
    event_record(
        workspace=project.workspace,
        actor=actor,
        verb="milestone.created",
        target=milestone,
        after=snapshot(milestone),
    )
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, actor, **changes: Any) -> Milestone:
    current, values = locked_with_changes(
        Milestone,
        milestone.pk,
        allowed=MILESTONE_FIELDS,
        changes=changes,
        select_related=("project",),
    )
    milestone_check(
        project=current.project, name=values["name"], planned_date=values["planned_date"]
    )
    accepted_now = current.done_date is None and values.get("done_date") is not None
    milestone = save_with_event(
        current, values, workspace=current.workspace, actor=actor, verb="milestone.updated"
    )
    if accepted_now:
        # Practice §6: ask for feedback after every milestone (after the commit, in the background).
        from accord.feedback.tasks import survey_after_milestone_task

        transaction.on_commit(lambda: survey_after_milestone_task(milestone.pk))
    return milestone
