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
from .models import OPEN_STATUSES, Case, CaseDraft, CaseStep, CaseSuggestion, PlaybookOverride
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
                # A person who opens a case by hand has confirmed the situation.
                confirmed_at=None if automatic or acting_user(actor) is None else timezone.now(),
                confirmed_by=None if automatic else acting_user(actor),
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
    from accord.webhooks.announce import case_opened_announce

    case_opened_announce(case=case)
    return case, True


def cases_open_from_triage(
    *,
    interaction,
    labels: list[str],
    tone: str,
    urgency: str,
    scores: dict | None = None,
    model_version: str = "",
) -> list[Case]:
    """Called for each triaged inbound message: a label the triage is sure of (its score at or
    above the label's case threshold) opens one case per project and situation; a less sure
    label becomes a suggestion a person accepts or dismisses. Without scores (a person's
    labels) every label counts as sure."""
    from .thresholds import case_open_thresholds

    if interaction.project_id is None or interaction.direction != Interaction.Direction.INBOUND:
        return []
    thresholds = case_open_thresholds(model_version=model_version) if scores is not None else {}
    cases = []
    for label in labels:
        if label not in SITUATION_IDS:
            continue
        score = float((scores or {}).get(label, 1.0))
        if scores is not None and score < thresholds.get(label, 1.0):
            CaseSuggestion.objects.get_or_create(
                interaction=interaction,
                situation=label,
                defaults={
                    "workspace_id": interaction.workspace_id,
                    "project_id": interaction.project_id,
                    "score": score,
                },
            )
            continue
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


@transaction.atomic
def case_suggestion_accept(*, suggestion: CaseSuggestion, actor) -> Case:
    """A person agrees with the suggestion: the case opens, confirmed by that person."""
    suggestion = CaseSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != CaseSuggestion.Status.OPEN:
        raise DomainError(_("This suggestion was already decided."))
    case, _created = case_open(
        project=suggestion.project,
        situation=suggestion.situation,
        actor=actor,
        interaction=suggestion.interaction,
    )
    if case.confirmed_at is None:
        case_confirm(case=case, actor=actor)
    suggestion.status = CaseSuggestion.Status.ACCEPTED
    suggestion.case = case
    suggestion.decided_by = acting_user(actor)
    suggestion.save(update_fields=["status", "case", "decided_by", "updated_at"])
    return case


def case_suggestion_dismiss(*, suggestion: CaseSuggestion, actor) -> CaseSuggestion:
    if suggestion.status != CaseSuggestion.Status.OPEN:
        raise DomainError(_("This suggestion was already decided."))
    suggestion.status = CaseSuggestion.Status.DISMISSED
    suggestion.decided_by = acting_user(actor)
    suggestion.save(update_fields=["status", "decided_by", "updated_at"])
    return suggestion


def case_confirm(*, case: Case, actor) -> Case:
    """A person confirms the situation is real (needed before an apology or concession)."""
    if acting_user(actor) is None:
        raise DomainError(_("Only a person can confirm the situation."))
    case.confirmed_at = timezone.now()
    case.confirmed_by = acting_user(actor)
    case.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    event_record(workspace=case.workspace, actor=actor, verb="case.confirmed", target=case)
    return case


def _work_done(case: Case) -> bool:
    return (
        case.steps.filter(done_at__isnull=False).exists()
        or case.drafts.exists()
        or bool(case.notes.strip())
        or case.status != Case.Status.OPEN
        or case.confirmed_at is not None
        or case.interactions.filter(direction=Interaction.Direction.OUTBOUND).exists()
    )


@transaction.atomic
def cases_after_label_correction(*, interaction, removed: list[str], actor) -> dict[str, list]:
    """A person removed labels from a message: the message stops being evidence of those
    situations; a case that only this label opened is closed when nothing was done on it,
    else it is marked so that the page offers to close it. {"closed": [...], "offered": [...]}"""
    result: dict[str, list] = {"closed": [], "offered": []}
    if not removed:
        return result
    CaseSuggestion.objects.filter(
        interaction=interaction, situation__in=removed, status=CaseSuggestion.Status.OPEN
    ).update(status=CaseSuggestion.Status.DISMISSED, decided_by=acting_user(actor))
    for case in Case.objects.select_for_update().filter(
        interactions=interaction, situation__in=removed, status__in=OPEN_STATUSES
    ):
        case.interactions.remove(interaction)
        if not case.opened_automatically or case.interactions.exists():
            continue
        if _work_done(case):
            case.closing_suggested = True
            case.save(update_fields=["closing_suggested", "updated_at"])
            result["offered"].append(case)
            continue
        before = snapshot(case)
        case.status = Case.Status.CLOSED
        case.resolved_at = timezone.now()
        case.resolution_summary = _(
            "Closed: the label that opened it was corrected, and nothing was done on it."
        )
        case.save(update_fields=["status", "resolved_at", "resolution_summary", "updated_at"])
        event_record(
            workspace=case.workspace,
            actor=actor,
            verb="case.closed_after_correction",
            target=case,
            before=before,
            after=snapshot(case),
        )
        result["closed"].append(case)
    return result


CASE_FIELDS = ("severity", "owner", "status", "notes", "root_cause", "resolution_summary")


@transaction.atomic
def case_update(*, case: Case, actor, **changes) -> Case:
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise DomainError(f"Cannot change {', '.join(sorted(unknown))}.")
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = snapshot(case)
    was_open = case.is_open
    status_before = case.status
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
    if case.status == Case.Status.RESOLVED and status_before != Case.Status.RESOLVED:
        from accord.webhooks.announce import case_resolved_announce

        case_resolved_announce(case=case)
    if was_open and not case.is_open:
        # Practice §6: ask for feedback after every difficult situation.
        from accord.feedback.tasks import survey_after_case_task

        case_id = case.pk
        transaction.on_commit(lambda: survey_after_case_task(case_id))
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


def case_draft_needs_confirmation(case: Case) -> bool:
    """Apology and concession drafts (the "upset" playbooks) wait until a person confirmed the
    situation: a false positive must never put an apology in the team's mouth."""
    playbook = playbook_for(situation=case.situation, workspace=case.workspace)
    return playbook.kind == "upset" and case.confirmed_at is None


def case_draft_create(*, case: Case, actor, contact=None) -> CaseDraft:
    if case_draft_needs_confirmation(case):
        raise DomainError(
            _("Confirm the situation first: read the client's message, then confirm the case.")
        )
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


@transaction.atomic
def playbook_override_reset(*, workspace, situation: str, actor) -> None:
    """Drop the workspace's own version: its cases follow the shipped playbook again. Cases
    already open keep the steps they were opened with."""
    override = (
        PlaybookOverride.objects.select_for_update()
        .filter(workspace=workspace, situation=situation)
        .first()
    )
    if override is None:
        raise DomainError(_("This workspace already uses the shipped playbook."))
    event_record(
        workspace=workspace,
        actor=actor,
        verb="playbook.reset",
        target=override,
        before={"source": override.source},
        after={"situation": situation},
    )
    override.delete()
