"""Change requests with impact and a client decision, plan versions, delays, intermediate results."""

from __future__ import annotations

import datetime
import hashlib
import os
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.agreements.models import Agreement
from accord.agreements.services import agreement_record, agreement_reverse
from accord.communications.models import Interaction, OutgoingEmail
from accord.communications.services import email_send
from accord.core import formatting
from accord.core.client_words import one_line, word
from accord.core.errors import DomainError
from accord.core.events import acting_user, event_record, snapshot
from accord.core.formatting import recipient_locale
from accord.core.work import WorkState
from accord.projects.models import Milestone, ScopeItem
from accord.projects.services import milestone_update, project_update
from accord.workspaces.calendar import WorkCalendar

from . import texts
from .forecasts import Forecast, delay_options
from .models import (
    ChangeRequest,
    ChangeRequestSequence,
    DecisionLink,
    IntermediateResult,
    PlanVersion,
    ScheduleShift,
)
from .scope import ScopeItemText, scope_check


def link_days() -> int:
    return int(os.environ.get("ACCORD_DECISION_LINK_DAYS", "14"))


def public_base_url() -> str:
    return os.environ.get("ACCORD_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def project_scope_check(*, project, text: str):
    contract = getattr(project, "contract", None)
    items = list(contract.scope_items.all()) if contract else []
    return scope_check(
        text,
        [
            ScopeItemText(
                item.pk, item.title, item.description, item.kind == ScopeItem.Kind.EXCLUDED
            )
            for item in items
        ],
    )


def change_request_number_take(*, workspace) -> int:
    """The next reference number in the workspace. Call it inside a transaction: the sequence
    row stays locked until that transaction ends, so two workers never take the same number and
    a rolled-back creation gives its number back."""
    increment = {"last_number": F("last_number") + 1}
    if not ChangeRequestSequence.objects.filter(workspace=workspace).update(**increment):
        # The first change of the workspace; a concurrent first creation makes get_or_create
        # wait on the unique workspace and then read the row the other worker made.
        ChangeRequestSequence.objects.get_or_create(
            workspace=workspace,
            defaults={
                "last_number": ChangeRequest.objects.filter(workspace=workspace).aggregate(
                    Max("workspace_number")
                )["workspace_number__max"]
                or 0
            },
        )
        ChangeRequestSequence.objects.filter(workspace=workspace).update(**increment)
    return ChangeRequestSequence.objects.get(workspace=workspace).last_number


@transaction.atomic
def change_request_create(
    *,
    project,
    actor,
    title: str,
    description: str,
    requested_by=None,
    client_reason: str = "",
    origin: str = ChangeRequest.Origin.TYPED,
    origin_interaction=None,
    origin_meeting=None,
) -> ChangeRequest:
    if not (title or "").strip():
        raise DomainError(_("Give the change a short title."), field="title")
    if not (description or "").strip():
        raise DomainError(_("Describe what the client asks for."), field="description")
    if requested_by is not None and requested_by.client_id != project.client_id:
        raise DomainError(_("The person belongs to another client."), field="requested_by")
    verdict = project_scope_check(project=project, text=f"{title}. {description}")
    workspace_number = change_request_number_take(workspace=project.workspace)
    # The workspace's sequence row is now locked, so no other change in this project is being
    # numbered at the same time.
    number = (
        ChangeRequest.objects.filter(project=project).aggregate(Max("number"))["number__max"] or 0
    ) + 1
    change = ChangeRequest.objects.create(
        workspace=project.workspace,
        project=project,
        number=number,
        workspace_number=workspace_number,
        title=title.strip(),
        description=description.strip(),
        requested_by=requested_by,
        client_reason=client_reason,
        origin=origin,
        origin_interaction=origin_interaction,
        origin_meeting=origin_meeting,
        scope_verdict=verdict.verdict,
        scope_matches=[
            {"id": m.item_id, "title": m.title, "excluded": m.excluded, "score": m.score}
            for m in verdict.matches
        ],
        created_by=acting_user(actor),
    )
    event_record(
        workspace=project.workspace,
        actor=actor,
        verb="change_request.created",
        target=change,
        after=snapshot(change),
    )
    return change


@transaction.atomic
def change_request_assess(
    *,
    change: ChangeRequest,
    actor,
    effort_hours,
    risks: str = "",
    shifts: dict[int, int] | None = None,
) -> ChangeRequest:
    """Impact on time, money and risk; the cost comes from the contract's hourly rate."""
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status not in (ChangeRequest.Status.DRAFT, ChangeRequest.Status.ASSESSED):
        raise DomainError(_("Only a draft or assessed change can be (re)assessed."))
    if effort_hours is None or Decimal(effort_hours) < 0:
        raise DomainError(_("Estimate the effort in hours (zero or more)."), field="effort_hours")
    rate = (
        getattr(change.project.contract, "hourly_rate", None)
        if hasattr(change.project, "contract")
        else None
    )
    if rate is None:
        raise DomainError(_("Set the hourly rate on the contract first."), field="effort_hours")
    before = snapshot(change)
    milestones = {m.pk: m for m in change.project.milestones.all()}
    change.shifts.all().delete()
    for milestone_id, days in (shifts or {}).items():
        if milestone_id not in milestones:
            raise DomainError(_("That milestone belongs to another project."), field="shifts")
        if days:
            ScheduleShift.objects.create(
                change_request=change, milestone=milestones[milestone_id], days=int(days)
            )
    change.effort_hours = Decimal(effort_hours)
    change.cost = (Decimal(effort_hours) * rate).quantize(Decimal("0.01"))
    change.risks = risks
    change.status = ChangeRequest.Status.ASSESSED
    change.save()
    event_record(
        workspace=change.workspace,
        actor=actor,
        verb="change_request.assessed",
        target=change,
        before=before,
        after=snapshot(change),
    )
    return change


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def decision_link_create(*, change: ChangeRequest) -> tuple[DecisionLink, str]:
    token = secrets.token_urlsafe(32)
    link = DecisionLink.objects.create(
        change_request=change,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=link_days()),
    )
    return link, token


def change_request_language(change: ChangeRequest) -> str:
    """The language of everything the client reads about this change."""
    return texts.lang(
        recipient_locale(change.requested_by, client=change.project.client)
        if change.requested_by
        else recipient_locale(None, client=change.project.client)
    )


def change_request_shift_lines(*, change: ChangeRequest, language: str) -> list[str]:
    """Each milestone move as the client reads it: the new date and how much later."""
    return [
        texts.SHIFT[language].format(
            milestone=one_line(shift.milestone.name),
            date=texts.date_text(
                shift.milestone.planned_date + datetime.timedelta(days=shift.days), language
            ),
            days=formatting.format_days(shift.days, language),
        )
        for shift in change.shifts.select_related("milestone")
    ]


def change_request_email(
    *, change: ChangeRequest, url: str, expires, sender: str
) -> tuple[str, str]:
    contact = change.requested_by
    language = change_request_language(change)
    text = texts.TEXTS[language]
    zone = formatting.workspace_zone(change.workspace)
    shifts = "; ".join(change_request_shift_lines(change=change, language=language))
    values = {
        "name": contact.name if contact else "",
        "title": one_line(change.title),
        "project": one_line(change.project.name),
        "verdict": texts.verdict_sentence(change.scope_verdict, language),
        "hours": formatting.format_hours(change.effort_hours or 0, language),
        "cost": formatting.format_money(change.cost or 0, change.project.currency, language),
        "shifts": shifts or text["no_shift"],
        "risks": texts.RISKS[language].format(risks=one_line(change.risks).rstrip(".")) + "."
        if change.risks.strip()
        else "",
        "link": url,
        "expires": texts.date_text(expires.astimezone(zone).date(), language),
        "sender": sender,
        "reference": change.reference,
    }
    return (
        one_line(text["cr_subject"].format(**values)),
        formatting.tidy_text(text["cr"].format(**values)),
    )


@transaction.atomic
def change_request_send(*, change: ChangeRequest, actor) -> Interaction:
    """Send the change with its impact and a one-time decision link to the person who asked."""
    change = (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("project__client", "requested_by")
        .get(pk=change.pk)
    )
    if change.status != ChangeRequest.Status.ASSESSED:
        raise DomainError(_("Assess the impact before sending the change for a decision."))
    if (
        change.sent_email_id
        and OutgoingEmail.objects.filter(
            interaction_id=change.sent_email_id,
            work_state__in=[WorkState.PENDING, WorkState.RUNNING],
        ).exists()
    ):
        raise DomainError(_("The e-mail with this change is queued and will be sent shortly."))
    if change.requested_by is None or not change.requested_by.primary_email:
        raise DomainError(
            _("Choose who decides: a client person with an e-mail address."), field="requested_by"
        )
    change.links.filter(used_at__isnull=True).update(
        expires_at=timezone.now()
    )  # an older link stops working
    link, token = decision_link_create(change=change)
    url = public_base_url() + reverse("changes:decide", args=[token])
    sender = (
        (actor.get_full_name() or actor.get_username())
        if getattr(actor, "is_authenticated", False)
        else settings.DEFAULT_FROM_EMAIL
    )
    subject, body = change_request_email(
        change=change, url=url, expires=link.expires_at, sender=sender
    )
    interaction = email_send(
        workspace=change.workspace,
        actor=actor,
        to_contacts=[change.requested_by],
        subject=subject,
        body=body,
        project=change.project,
        secrets=[token],
        about=change,
    )
    # Sent (and decidable through the link) once the outbox has sent the e-mail: see
    # change_request_email_sent below.
    change.sent_email = interaction
    change.save(update_fields=["sent_email", "updated_at"])
    event_record(
        workspace=change.workspace, actor=actor, verb="change_request.queued", target=change
    )
    return interaction


def change_request_email_sent(*, interaction) -> None:
    """The outbox sent a change request's e-mail: the change now waits for the client."""
    with transaction.atomic():
        change = (
            ChangeRequest.objects.select_for_update(of=("self",))
            .filter(sent_email=interaction, status=ChangeRequest.Status.ASSESSED)
            .first()
        )
        if change is None:
            return
        change.status = ChangeRequest.Status.SENT
        change.sent_at = timezone.now()
        change.save(update_fields=["status", "sent_at", "updated_at"])
        event_record(workspace=change.workspace, verb="change_request.sent", target=change)


def decision_link_resolve(token: str) -> DecisionLink:
    """The link behind a token; refuses unknown, used and expired links with a reason for the page."""
    link = (
        DecisionLink.objects.select_related("change_request__project__client")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )
    if link is None:
        raise DomainError(_("This link is not valid."), code="unknown")
    if link.used_at is not None or link.change_request.status != ChangeRequest.Status.SENT:
        raise DomainError(_("A decision was already recorded with this link."), code="used")
    if link.expires_at <= timezone.now():
        raise DomainError(_("This link has expired. Ask the team for a new one."), code="expired")
    return link


def change_request_past_moves(*, change: ChangeRequest, today: datetime.date | None = None):
    """Milestones that approving the change would move to a date already past:
    [(milestone, new_date)]."""
    today = today or timezone.localdate(timezone=formatting.workspace_zone(change.workspace))
    moves = []
    for shift in change.shifts.select_related("milestone"):
        new_date = shift.milestone.planned_date + datetime.timedelta(days=shift.days)
        if shift.milestone.done_date is None and new_date < today:
            moves.append((shift.milestone, new_date))
    return moves


def _check_past_moves(*, change: ChangeRequest, approve: bool, confirm_past_dates: bool) -> None:
    """Approving a change that moves a milestone into the past asks first."""
    if not approve or confirm_past_dates:
        return
    moves = change_request_past_moves(change=change)
    if moves:
        raise DomainError(
            _(
                "Approving this change moves %(milestones)s to a date already past. "
                "Confirm to approve anyway, or correct the schedule first."
            )
            % {"milestones": ", ".join(f"{m.name} ({d.isoformat()})" for m, d in moves)},
            code="confirm_past_dates",
        )


@transaction.atomic
def change_request_decide_by_link(
    *, token: str, approve: bool, comment: str = "", confirm_past_dates: bool = False
) -> ChangeRequest:
    """The client's one decision through the link; two clicks at once record only one."""
    found = decision_link_resolve(token)
    link = DecisionLink.objects.select_for_update().get(pk=found.pk)
    change = ChangeRequest.objects.select_for_update().get(pk=link.change_request_id)
    if link.used_at is not None or change.status != ChangeRequest.Status.SENT:
        raise DomainError(_("A decision was already recorded with this link."), code="used")
    _check_past_moves(change=change, approve=approve, confirm_past_dates=confirm_past_dates)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return _decide(
        change=change,
        actor=None,
        approve=approve,
        comment=comment,
        contact=change.requested_by,
        evidence=_("Decision through the client link"),
    )


@transaction.atomic
def change_request_decide_by_hand(
    *,
    change: ChangeRequest,
    actor,
    approve: bool,
    evidence: str,
    contact=None,
    comment: str = "",
    confirm_past_dates: bool = False,
) -> ChangeRequest:
    if not (evidence or "").strip():
        raise DomainError(
            _("Say where the client decided (e-mail, call, signed document)."), field="evidence"
        )
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status not in (ChangeRequest.Status.ASSESSED, ChangeRequest.Status.SENT):
        raise DomainError(_("Only an assessed or sent change can be decided."))
    _check_past_moves(change=change, approve=approve, confirm_past_dates=confirm_past_dates)
    change.links.filter(used_at__isnull=True).update(expires_at=timezone.now())
    return _decide(
        change=change,
        actor=actor,
        approve=approve,
        comment=comment,
        contact=contact or change.requested_by,
        evidence=evidence,
    )


def _decide(
    *, change: ChangeRequest, actor, approve: bool, comment: str, contact, evidence: str
) -> ChangeRequest:
    before = snapshot(change)
    change.status = ChangeRequest.Status.APPROVED if approve else ChangeRequest.Status.REJECTED
    change.decided_at = timezone.now()
    change.decision_comment = comment
    change.decided_by_contact = contact
    change.decision_evidence = evidence
    change.save()
    event_record(
        workspace=change.workspace,
        actor=actor,
        verb=f"change_request.{change.status}",
        target=change,
        before=before,
        after=snapshot(change),
    )
    from accord.webhooks.announce import change_request_decided_announce

    change_request_decided_announce(change=change)
    if approve:
        _plan_supersede(change=change, actor=actor)
    return change


def _plan_supersede(*, change: ChangeRequest, actor) -> PlanVersion:
    """Approval moves dates and budget through the normal services, keeping before/after."""
    project = change.project
    budget_before = project.budget
    budget_after = (budget_before or Decimal("0")) + (change.cost or Decimal("0"))
    project_update(project=project, actor=actor, budget=budget_after)
    dates = []
    for shift in change.shifts.select_related("milestone"):
        milestone = shift.milestone
        delta = datetime.timedelta(days=shift.days)
        new_planned = milestone.planned_date + delta
        new_forecast = (milestone.forecast_date + delta) if milestone.forecast_date else new_planned
        dates.append(
            {
                "milestone": milestone.pk,
                "name": milestone.name,
                "before": milestone.planned_date.isoformat(),
                "after": new_planned.isoformat(),
            }
        )
        milestone_update(
            milestone=milestone, actor=actor, planned_date=new_planned, forecast_date=new_forecast
        )
    version = PlanVersion.objects.create(
        workspace=change.workspace,
        project=project,
        change_request=change,
        budget_before=budget_before,
        budget_after=budget_after,
        dates=dates,
        note=str(change),
        created_by=acting_user(actor),
    )
    agreement_record(
        project=project,
        actor=actor,
        title=f"{change}: {change.title}",
        source=Agreement.Source.CHANGE_REQUEST,
        decided_on=timezone.localdate(),
        accepted_by=change.decided_by_contact,
        details=f"{change.description}\n\n+{change.effort_hours} h, +{change.cost} {project.currency}",
        source_reference=str(change),
        source_record=change,
    )
    return version


@transaction.atomic
def change_request_withdraw(*, change: ChangeRequest, actor) -> ChangeRequest:
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status in (
        ChangeRequest.Status.APPROVED,
        ChangeRequest.Status.REJECTED,
        ChangeRequest.Status.WITHDRAWN,
    ):
        raise DomainError(_("A decided change cannot be withdrawn."))
    change.status = ChangeRequest.Status.WITHDRAWN
    change.save(update_fields=["status", "updated_at"])
    change.links.filter(used_at__isnull=True).update(expires_at=timezone.now())
    event_record(
        workspace=change.workspace, actor=actor, verb="change_request.withdrawn", target=change
    )
    return change


def agreement_reversal_confirm(*, agreement, actor, interaction=None, note: str = "") -> Agreement:
    """The client goes back on an accepted agreement: record it as reversed by them."""
    contact = interaction.sender_contact if interaction is not None else None
    return agreement_reverse(
        agreement=agreement,
        actor=actor,
        reversed_by_contact=contact,
        note=note
        or (f"{interaction.subject}: {interaction.body_text[:300]}" if interaction else ""),
    )


def hold_the_line_reply(*, agreement, language: str, name: str, sender: str) -> str:
    """A reply that starts from the agreement: "as agreed on <date> in <source> …"."""
    language = texts.lang(language)
    date = texts.date_text(agreement.decided_on, language)
    source = word(language, "source", agreement.source) + (
        f", {one_line(agreement.source_reference)}" if agreement.source_reference else ""
    )
    title = one_line(agreement.title).rstrip(".")
    body = {
        "en": f"Hello {name},\n\nas agreed on {date} ({source}): “{title}”.\n\n"
        "We understand your needs may have changed. To change this decision we will prepare a change request "
        "with its impact on time and budget, or we keep the plan as agreed.\n\n"
        f"Could you tell us which you prefer?\n\nBest regards,\n{sender}",
        "ru": f"Здравствуйте, {name}!\n\nКак мы договорились {date} ({source}): «{title}».\n\n"
        "Понимаем, что ваши потребности могли измениться. Чтобы изменить это решение, мы подготовим запрос на "
        "изменение с влиянием на сроки и бюджет, либо продолжаем по согласованному плану.\n\n"
        f"Подскажите, какой вариант вам ближе?\n\nС уважением,\n{sender}",
        "pl": f"Dzień dobry, {name},\n\nzgodnie z ustaleniem z {date} ({source}): „{title}”.\n\n"
        "Rozumiemy, że potrzeby mogły się zmienić. Aby zmienić tę decyzję, przygotujemy wniosek o zmianę z "
        "wpływem na termin i budżet, albo zostajemy przy uzgodnionym planie.\n\n"
        f"Którą opcję Państwo wybierają?\n\nZ poważaniem,\n{sender}",
    }[language]
    return formatting.tidy_text(body)


def milestone_promise_accept(*, milestone: Milestone, actor, date: datetime.date) -> Milestone:
    """A person accepts a date as the one the team promises (usually the computed forecast);
    pages and drafts then all show this date. A past date is refused."""
    today = timezone.localdate(timezone=formatting.workspace_zone(milestone.workspace))
    if date is None or date < today:
        raise DomainError(_("A promised date cannot be in the past."), field="date")
    return milestone_update(milestone=milestone, actor=actor, forecast_date=date)


def delay_notice(
    *, forecast: Forecast, contact, sender: str, today: datetime.date | None = None
) -> tuple[str, str]:
    """A transparent delay notice: the reason, the new plan, intermediate results, the ask.

    The new date is the one a person accepted (``Milestone.promised_date``); the computed
    forecast only proposes it. A date already past is never proposed."""
    milestone = forecast.milestone
    zone = formatting.workspace_zone(milestone.workspace)
    today = today or timezone.localdate(timezone=zone)
    language = texts.lang(recipient_locale(contact, client=milestone.project.client))
    text = texts.TEXTS[language]
    calendar = WorkCalendar.for_workspace(milestone.workspace)
    options = delay_options(forecast, today=today, calendar=calendar)
    new_date = max(milestone.promised_date, today)
    slip = max(0, (new_date - milestone.planned_date).days)
    if forecast.blocking_client_items:
        reason = text["reason_client"].format(
            items=", ".join(one_line(item.title) for item in forecast.blocking_client_items),
            dates=", ".join(
                texts.date_text(item.due_date, language) for item in forecast.blocking_client_items
            ),
        )
    else:
        reason = text["reason_work"].format(
            hours=formatting.format_hours(forecast.remaining_hours, language),
            pace=formatting.format_hours(forecast.pace_hours_per_day, language),
        )
    shown = list(IntermediateResult.objects.filter(milestone=milestone).order_by("-shown_at")[:3])
    results = (
        "; ".join(
            f"{one_line(item.description)} ({texts.date_text(item.shown_at.astimezone(zone).date(), language)})"
            for item in shown
        )
        or text["no_results"]
    )
    forecast_text = texts.date_text(new_date, language)
    planned_text = texts.date_text(milestone.planned_date, language)
    day_hours = max(
        1.0,
        (
            datetime.datetime.combine(today, calendar.day_end)
            - datetime.datetime.combine(today, calendar.day_start)
        ).total_seconds()
        / 3600,
    )
    keep_possible = (
        milestone.planned_date >= today
        and options.extra_hours_per_day > 0
        and options.extra_hours_per_day <= 2 * day_hours
    )
    extra = (
        text["extra_people"].format(
            extra=formatting.format_hours(options.extra_hours_per_day, language),
            planned=planned_text,
        )
        if keep_possible
        else text["extra_impossible"].format(planned=planned_text)
    )
    values = {
        "name": getattr(contact, "name", ""),
        "milestone": one_line(milestone.name),
        "project": one_line(milestone.project.name),
        "planned": planned_text,
        "forecast": forecast_text,
        "days": formatting.format_days(slip, language),
        "reason": reason,
        "plan": text["plan"].format(forecast=forecast_text),
        "results": results,
        "deadline": texts.date_text(calendar.add_working_days(today, 2), language),
        "options": text["options"].format(
            cut=", ".join(one_line(item.title) for item in options.cut_items) or "—",
            extra=extra,
        ),
        "sender": sender,
    }
    return (
        one_line(text["delay_subject"].format(**values)),
        formatting.tidy_text(text["delay"].format(**values)),
    )


@transaction.atomic
def intermediate_result_record(
    *,
    milestone: Milestone,
    actor,
    description: str,
    kind: str = IntermediateResult.Kind.DEMO,
    shown_at=None,
) -> IntermediateResult:
    """A demo or delivery to the client; it also starts the client's reply clock."""
    if not (description or "").strip():
        raise DomainError(_("Say what was shown or delivered."), field="description")
    shown_at = shown_at or timezone.now()
    from accord.communications.services import interaction_log

    interaction = interaction_log(
        workspace=milestone.workspace,
        actor=actor,
        channel=Interaction.Channel.MEETING if kind == "demo" else Interaction.Channel.NOTE,
        direction=Interaction.Direction.OUTBOUND,
        occurred_at=shown_at,
        body=description,
        project=milestone.project,
        subject=f"{IntermediateResult.Kind(kind).label}: {milestone.name}",
    )
    result = IntermediateResult.objects.create(
        workspace=milestone.workspace,
        milestone=milestone,
        kind=kind,
        shown_at=shown_at,
        description=description.strip(),
        interaction=interaction,
    )
    if kind == IntermediateResult.Kind.DEMO:
        milestone_update(milestone=milestone, actor=actor, demoed_at=shown_at)
    event_record(
        workspace=milestone.workspace, actor=actor, verb="milestone.result_shown", target=result
    )
    return result


def feedback_request_draft(
    *, result: IntermediateResult, contact, sender: str, survey_url: str = ""
) -> tuple[str, str]:
    language = texts.lang(recipient_locale(contact, client=result.milestone.project.client))
    text = texts.TEXTS[language]
    calendar = WorkCalendar.for_workspace(result.workspace)
    zone = calendar.time_zone
    values = {
        "name": getattr(contact, "name", ""),
        "what": one_line(result.milestone.name),
        "project": one_line(result.milestone.project.name),
        "date": texts.date_text(result.shown_at.astimezone(zone).date(), language),
        "deadline": texts.date_text(
            calendar.add_working_days(timezone.localdate(timezone=zone), 3), language
        ),
        "survey": f"\n{survey_url}" if survey_url else "",
        "sender": sender,
    }
    return (
        one_line(text["feedback_subject"].format(**values)),
        formatting.tidy_text(text["feedback"].format(**values)),
    )
