"""Case use cases: opening (by hand or from triage), the playbook checklist, drafts, resolution."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.agreements.models import Agreement, Commitment
from accord.communications.models import Interaction
from accord.communications.services import email_send
from accord.core.errors import DomainError
from accord.core.events import acting_user, event_record, snapshot

from .advice import ChannelAdvice, channel_advice
from .catalogue import SITUATION_IDS
from .checker import three_part_check
from .drafting import case_draft_render
from .models import OPEN_STATUSES, Case, CaseDraft, CaseStep, PlaybookOverride
from .playbooks import parse_playbook, playbook_for

SEVERITIES = ["low", "medium", "high", "critical"]
BASE_SEVERITY = {
    "escalation_threat": 2,
    "collective_complaint": 2,
    "quality_complaint": 1,
    "deadline_risk": 1,
    "conflict": 1,
    "payment_issue": 1,
    "requirements_change": 1,
    "out_of_scope_request": 0,
    "unclear_requirements": 0,
    "no_feedback": 0,
}


def severity_derive(
    *,
    project,
    situation: str,
    urgency: str = "normal",
    tone: str = "neutral",
    labels: list[str] | None = None,
) -> str:
    """From urgency, tone, escalation threats and the client's history (reversals, overdue, cases)."""
    level = BASE_SEVERITY.get(situation, 0)
    level += int(urgency == "high" or tone == "negative")
    if "escalation_threat" in (labels or []) and situation != "escalation_threat":
        level += 1
    today = timezone.localdate()
    history = (
        int(Agreement.objects.filter(project=project, status=Agreement.Status.REVERSED).exists())
        + int(
            Commitment.objects.filter(
                project=project, side="client", status="open", due_date__lt=today
            ).count()
            >= 2
        )
        + int(
            Case.objects.filter(
                project=project, opened_at__gte=timezone.now() - datetime.timedelta(days=90)
            ).count()
            >= 2
        )
    )
    level += 1 if history >= 2 else 0
    return SEVERITIES[max(0, min(3, level))]


def _steps_create(case: Case) -> None:
    playbook = playbook_for(situation=case.situation, workspace=case.workspace)
    language = (
        case.project.client.language if case.project.client.language in playbook.languages else "en"
    )
    CaseStep.objects.bulk_create(
        [
            CaseStep(case=case, position=index, text=text[:500])
            for index, text in enumerate(playbook.text(language).steps)
        ]
    )


@transaction.atomic
def case_open(
    *,
    project,
    situation: str,
    actor,
    interaction=None,
    severity: str | None = None,
    owner=None,
    automatic: bool = False,
    urgency: str = "normal",
    tone: str = "neutral",
    labels: list[str] | None = None,
) -> tuple[Case, bool]:
    """Open a case, or attach the message to the open case of the same situation. (case, created)."""
    if situation not in SITUATION_IDS:
        raise DomainError(_("Unknown situation."), field="situation")
    if interaction is not None and interaction.project_id not in (None, project.pk):
        raise DomainError(_("The message belongs to another project."), field="interaction")
    existing = (
        Case.objects.select_for_update()
        .filter(project=project, situation=situation, status__in=OPEN_STATUSES)
        .first()
    )
    if existing is not None:
        if interaction is not None:
            existing.interactions.add(interaction)
        return existing, False
    try:
        with transaction.atomic():
            case = Case.objects.create(
                workspace=project.workspace,
                project=project,
                situation=situation,
                severity=severity
                or severity_derive(
                    project=project, situation=situation, urgency=urgency, tone=tone, labels=labels
                ),
                owner=owner,
                opened_automatically=automatic,
                created_by=acting_user(actor),
            )
    except IntegrityError:
        # Another worker opened it a moment ago: attach to that one.
        case = Case.objects.get(project=project, situation=situation, status__in=OPEN_STATUSES)
        if interaction is not None:
            case.interactions.add(interaction)
        return case, False
    if interaction is not None:
        case.interactions.add(interaction)
    _steps_create(case)
    event_record(
        workspace=project.workspace,
        actor=actor,
        verb="case.opened",
        target=case,
        after=snapshot(case),
    )
    return case, True


def cases_open_from_triage(
    *, interaction, labels: list[str], tone: str, urgency: str
) -> list[Case]:
    """Called for each triaged inbound message: one open case per project and situation."""
    if interaction.project_id is None or interaction.direction != Interaction.Direction.INBOUND:
        return []
    cases = []
    for label in labels:
        if label in SITUATION_IDS:
            case, _created = case_open(
                project=interaction.project,
                situation=label,
                actor=None,
                interaction=interaction,
                automatic=True,
                urgency=urgency,
                tone=tone,
                labels=labels,
            )
            cases.append(case)
    return cases


CASE_FIELDS = ("severity", "owner", "status", "notes", "root_cause", "resolution_summary")


@transaction.atomic
def case_update(*, case: Case, actor, **changes) -> Case:
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise DomainError(f"Cannot change {', '.join(sorted(unknown))}.")
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = snapshot(case)
    if (
        changes.get("status") in ("resolved", "closed")
        and not (changes.get("resolution_summary") or case.resolution_summary).strip()
    ):
        raise DomainError(
            _("Write the resolution summary before resolving the case."), field="resolution_summary"
        )
    if changes.get("owner") is not None and changes["owner"].workspace_id != case.workspace_id:
        raise DomainError(_("The owner is not a member of this workspace."), field="owner")
    for name, value in changes.items():
        setattr(case, name, value)
    if case.status in ("resolved", "closed") and case.resolved_at is None:
        case.resolved_at = timezone.now()
    if case.status in OPEN_STATUSES:
        case.resolved_at = None
    try:
        case.save()
    except IntegrityError as error:
        raise DomainError(
            _("Another open case of this situation exists on the project."), field="status"
        ) from error
    event_record(
        workspace=case.workspace,
        actor=actor,
        verb="case.updated",
        target=case,
        before=before,
        after=snapshot(case),
    )
    return case


def case_step_toggle(*, step: CaseStep, actor) -> CaseStep:
    if step.done_at is None:
        step.done_at, step.done_by = timezone.now(), actor
    else:
        step.done_at, step.done_by = None, None
    step.save(update_fields=["done_at", "done_by"])
    event_record(
        workspace=step.case.workspace,
        actor=actor,
        verb="case.step_ticked" if step.done_at else "case.step_unticked",
        target=step.case,
        after={"step": step.position},
    )
    return step


def case_draft_create(*, case: Case, actor, contact=None) -> CaseDraft:
    sender = (
        (actor.get_full_name() or actor.get_username())
        if getattr(actor, "is_authenticated", False)
        else ""
    )
    draft = case_draft_render(case=case, sender_name=sender, contact=contact)
    return CaseDraft.objects.create(
        case=case,
        contact=draft.contact,
        language=draft.language,
        subject=draft.subject,
        body=draft.body,
    )


def case_draft_save(*, draft: CaseDraft, subject: str, body: str) -> CaseDraft:
    if draft.sent_interaction_id:
        raise DomainError(_("This draft was already sent."))
    if not subject.strip() or not body.strip():
        raise DomainError(_("A draft needs a subject and a text."), field="body")
    draft.subject, draft.body = subject.strip(), body.strip()
    draft.save(update_fields=["subject", "body", "updated_at"])
    return draft


@transaction.atomic
def case_draft_send(*, draft: CaseDraft, actor) -> Interaction:
    """Send the (edited) draft to the contact; it is recorded as an outbound, threaded interaction."""
    draft = (
        CaseDraft.objects.select_for_update(of=("self",))
        .select_related("case__project", "contact")
        .get(pk=draft.pk)
    )
    if draft.sent_interaction_id:
        raise DomainError(_("This draft was already sent."))
    if draft.contact is None:
        raise DomainError(_("Choose who receives the reply."))
    last = draft.case.interactions.filter(direction="in").order_by("-occurred_at").first()
    interaction = email_send(
        workspace=draft.case.workspace,
        actor=actor,
        to_contacts=[draft.contact],
        subject=draft.subject,
        body=draft.body,
        project=draft.case.project,
        in_reply_to=last.message_id if last and last.channel == "email" else "",
        references=list(last.references or []) if last else [],
        about=draft.case,
    )
    draft.case.interactions.add(interaction)
    draft.sent_interaction = interaction
    draft.save(update_fields=["sent_interaction", "updated_at"])
    if draft.case.status == Case.Status.OPEN:
        Case.objects.filter(pk=draft.case_id).update(status=Case.Status.WAITING)
    event_record(
        workspace=draft.case.workspace, actor=actor, verb="case.reply_sent", target=draft.case
    )
    return interaction


def case_channel_advice(case: Case) -> ChannelAdvice:
    messages = list(case.interactions.order_by("occurred_at").values_list("direction", "channel"))
    emails = sum(1 for _direction, channel in messages if channel == "email")
    urgent = False
    try:
        from accord.triage.models import TriageResult  # the triage app stores urgency per message

        urgent = TriageResult.objects.filter(
            interaction__in=case.interactions.all(), urgency="high"
        ).exists()
    except (ImportError, LookupError):
        urgent = False
    threat = (
        case.situation == "escalation_threat"
        or Case.objects.filter(
            project=case.project, situation="escalation_threat", status__in=OPEN_STATUSES
        ).exists()
    )
    return channel_advice(
        severity=case.severity,
        urgency_high=urgent or case.severity in ("high", "critical"),
        escalation_threat=threat,
        unresolved_emails=emails if case.is_open else 0,
    )


def draft_check(text: str):
    return three_part_check(text)


@transaction.atomic
def playbook_override_save(*, workspace, situation: str, source: str, actor) -> PlaybookOverride:
    playbook = parse_playbook(
        source, name=f"override of {situation}"
    )  # raises PlaybookError with the field
    if playbook.situation != situation:
        raise DomainError(_("The playbook is for another situation."), field="source")
    override, _created = PlaybookOverride.objects.update_or_create(
        workspace=workspace, situation=situation, defaults={"source": source, "edited_by": actor}
    )
    event_record(workspace=workspace, actor=actor, verb="playbook.overridden", target=override)
    return override
