"""Meetings: planning with a built agenda, checks, invites, minutes, objection window, reminders."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accord.agreements.models import Agreement, Commitment
from accord.agreements.services import (
    agreement_record,
    agreement_set_status,
    commitment_check,
    commitment_create,
    commitment_update,
)
from accord.communications.models import Interaction
from accord.communications.services import email_send
from accord.core.errors import DomainError
from accord.core.events import acting_user, event_record
from accord.core.formatting import recipient_locale
from accord.projects.services import contract_for_project, contract_update
from accord.workspaces.calendar import WorkCalendar

from .agenda import AgendaEntry, agenda_build
from .ics import invite_ics
from .minutes import client_agenda_text, invite_email, minutes_email
from .models import AgendaItem, Meeting, MinutesReminder

# The kickoff questions are rendered in each reader's language by ``minutes.KICKOFF_TEXTS``.
KICKOFF_ITEMS = {
    "meeting_cadence": "How often do we meet, and who attends from each side?",
    "documentation": "Which documents will be produced and agreed?",
    "schedule": "Schedule: what each side delivers, by whom and by when",
    "escalation": "How do we resolve disagreements (escalation path, neutral third party)?",
}


def objection_days() -> int:
    return int(os.environ.get("ACCORD_MINUTES_OBJECTION_DAYS", "2"))


def minutes_grace_hours() -> int:
    return int(os.environ.get("ACCORD_MINUTES_REMINDER_HOURS", "24"))


@transaction.atomic
def meeting_create(
    *,
    project,
    actor,
    title: str,
    starts_at,
    kind: str = Meeting.Kind.CALL,
    duration_minutes: int = 60,
    location: str = "",
    contacts=(),
    members=(),
    topics: list[str] | None = None,
) -> Meeting:
    """Plan a meeting; its agenda is pre-filled from the project's records."""
    if not (title or "").strip():
        raise DomainError(_("A meeting needs a title."), field="title")
    if starts_at is None:
        raise DomainError(_("When is the meeting?"), field="starts_at")
    if kind not in Meeting.Kind.values:
        raise DomainError(_("Unknown kind of meeting."), field="kind")
    if not 5 <= duration_minutes <= 600:
        raise DomainError(
            _("A meeting lasts between 5 minutes and 10 hours."), field="duration_minutes"
        )
    if any(contact.client_id != project.client_id for contact in contacts):
        raise DomainError(_("Only the project client's people can be invited."), field="contacts")
    meeting = Meeting.objects.create(
        workspace=project.workspace,
        project=project,
        title=title.strip(),
        starts_at=starts_at,
        kind=kind,
        duration_minutes=duration_minutes,
        location=location,
        created_by=acting_user(actor),
    )
    meeting.attendee_contacts.set(contacts)
    meeting.attendee_members.set(members)
    items = []
    for section in agenda_build(project=project, starts_at=starts_at, topics=topics):
        items += [(section.key, section.audience, entry) for entry in section.entries()]
    if kind == Meeting.Kind.KICKOFF:
        items += [
            (AgendaItem.Section.KICKOFF, "client", AgendaEntry(_(text), key=f"kickoff:{key}"))
            for key, text in KICKOFF_ITEMS.items()
        ]
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meeting,
                section=section,
                audience=audience,
                text=entry.text[:500],
                agreement=entry.agreement,
                commitment=entry.commitment,
                key=entry.key,
                position=index,
            )
            for index, (section, audience, entry) in enumerate(items)
        ]
    )
    event_record(workspace=project.workspace, actor=actor, verb="meeting.planned", target=meeting)
    return meeting


def agenda_item_add(
    *,
    meeting: Meeting,
    text: str,
    section: str = AgendaItem.Section.TOPICS,
    audience: str = AgendaItem.Audience.CLIENT,
) -> AgendaItem:
    """Add a line to the client agenda, or to the team notes that never leave Accord."""
    if not (text or "").strip():
        raise DomainError(_("Write the agenda item."), field="text")
    if audience not in AgendaItem.Audience.values:
        raise DomainError(_("Choose who the item is for."), field="audience")
    if audience == AgendaItem.Audience.TEAM and section == AgendaItem.Section.TOPICS:
        section = AgendaItem.Section.NOTES
    last = meeting.agenda_items.order_by("-position").first()
    return AgendaItem.objects.create(
        meeting=meeting,
        text=" ".join(text.split())[:500],
        section=section,
        audience=audience,
        position=(last.position + 1) if last else 0,
    )


def agenda_item_remove(*, item: AgendaItem) -> None:
    item.delete()


def agenda_item_move(*, item: AgendaItem, direction: int) -> None:
    items = list(item.meeting.agenda_items.order_by("position", "id"))
    index = items.index(item)
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, entry in enumerate(items):
            if entry.position != position:
                entry.position = position
                entry.save(update_fields=["position"])


@dataclass(frozen=True)
class MeetingCheck:
    key: str
    text: str


def meeting_checks(meeting: Meeting) -> list[MeetingCheck]:
    """What is wrong with a planned meeting before it happens (practice §2)."""
    if meeting.status != Meeting.Status.PLANNED:
        return []
    checks = []
    contacts = list(meeting.attendee_contacts.all())
    if not any(contact.role == "decision_maker" for contact in contacts):
        makers = [
            contact.name
            for contact in meeting.project.client.contacts.all()
            if contact.role == "decision_maker"
        ]
        checks.append(
            MeetingCheck(
                "no_decision_maker",
                (
                    _("No decision-maker of the client is invited; on record: %(names)s.")
                    % {"names": ", ".join(makers)}
                    if makers
                    else _("No decision-maker of the client is invited, and none is on record.")
                ),
            )
        )
    limit = meeting.project.max_client_attendees
    if len(contacts) > limit:
        checks.append(
            MeetingCheck(
                "too_many",
                ngettext(
                    "%(count)d client attendee invited; the project's limit is %(limit)d.",
                    "%(count)d client attendees invited; the project's limit is %(limit)d.",
                    len(contacts),
                )
                % {"count": len(contacts), "limit": limit},
            )
        )
    if meeting.agenda_sent_at is None:
        checks.append(
            MeetingCheck("agenda_not_sent", _("The agenda has not been sent in advance."))
        )
    return checks


def agenda_text(meeting: Meeting, language: str = "en") -> str:
    """The client agenda as sent: client items only, in the reader's language."""
    return client_agenda_text(meeting=meeting, language=language)


def _sender_name(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return settings.DEFAULT_FROM_EMAIL


def _by_language(contacts) -> dict[str, list]:
    groups: dict[str, list] = {}
    for contact in contacts:
        if contact.primary_email:
            groups.setdefault(recipient_locale(contact), []).append(contact)
    return groups


@transaction.atomic
def meeting_invite_send(*, meeting: Meeting, actor) -> list[Interaction]:
    """E-mail the agenda with an .ics invite to every client attendee, in their language."""
    contacts = list(meeting.attendee_contacts.prefetch_related("emails"))
    groups = _by_language(contacts)
    if not groups:
        raise DomainError(
            _("Invite at least one client person with an e-mail address."), field="contacts"
        )
    attendee_emails = [contact.primary_email for group in groups.values() for contact in group]
    sent = []
    for language, group in groups.items():
        text = agenda_text(meeting, language)
        ics = invite_ics(
            meeting=meeting,
            organizer_email=settings.DEFAULT_FROM_EMAIL,
            attendee_emails=attendee_emails,
            agenda_text=text,
            language=language,
        )
        subject, body = invite_email(
            meeting=meeting, language=language, agenda_text=text, sender=_sender_name(actor)
        )
        sent.append(
            email_send(
                workspace=meeting.workspace,
                actor=actor,
                to_contacts=group,
                subject=subject,
                body=body,
                project=meeting.project,
                attachments=[("invite.ics", ics, "text/calendar")],
                about=meeting,
            )
        )
    meeting.agenda_sent_at = timezone.now()
    meeting.save(update_fields=["agenda_sent_at", "updated_at"])
    event_record(
        workspace=meeting.workspace, actor=actor, verb="meeting.invite_sent", target=meeting
    )
    return sent


def meeting_decisions(meeting: Meeting):
    return (
        Agreement.objects.filter(
            source_record_type=ContentType.objects.get_for_model(Meeting),
            source_record_id=meeting.pk,
        )
        .exclude(status=Agreement.Status.SUPERSEDED)
        .select_related("accepted_by")
        .order_by("id")
    )


def meeting_actions(meeting: Meeting):
    """The commitments the meeting made and the open ones its minutes repeated."""
    return (
        Commitment.objects.filter(
            Q(origin_type=ContentType.objects.get_for_model(Meeting), origin_id=meeting.pk)
            | Q(pk__in=meeting.repeated_commitments.values("pk"))
        )
        .select_related("owner_member__user", "owner_contact")
        .order_by("due_date", "id")
    )


@dataclass
class DecisionInput:
    title: str
    accepted_by: object = None


@dataclass
class ActionInput:
    title: str
    side: str
    due_date: datetime.date
    owner_member: object = None
    owner_contact: object = None
    # An existing open commitment of the project this row repeats: nothing new is created
    merge_into: Commitment | None = None


@transaction.atomic
def minutes_record(
    *,
    meeting: Meeting,
    actor,
    discussed: str,
    decisions: list[DecisionInput],
    actions: list[ActionInput],
) -> Meeting:
    """Record what happened: decisions become proposed Agreements, action items Commitments."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(_("A cancelled meeting has no minutes."))
    if meeting.minutes_sent_at is not None:
        raise DomainError(_("The minutes were already sent; record changes as new decisions."))
    if not discussed.strip() and not decisions and not actions:
        raise DomainError(_("Write at least what was discussed."), field="discussed")
    merges = []
    for action in actions:
        if action.merge_into is None:
            continue
        if (
            action.merge_into.project_id != meeting.project_id
            or action.merge_into.status != Commitment.Status.OPEN
        ):
            raise DomainError(_("Merge only into an open commitment of this project."))
        changes = _merge_changes(action)
        merged = action.merge_into
        commitment_check(
            project=meeting.project,
            title=merged.title,
            side=merged.side,
            due_date=changes.get("due_date", merged.due_date),
            owner_member=changes.get("owner_member", merged.owner_member),
            owner_contact=changes.get("owner_contact", merged.owner_contact),
        )
        merges.append((merged, changes))
    # A meeting marked as held before its planned start took place on the day it was marked.
    held = min(meeting.starts_at, meeting.held_at) if meeting.held_at else meeting.starts_at
    day = timezone.localtime(held).date()
    for decision in decisions:
        agreement_record(
            project=meeting.project,
            actor=actor,
            title=decision.title,
            source=Agreement.Source.MEETING
            if meeting.kind != Meeting.Kind.CALL
            else Agreement.Source.CALL,
            decided_on=day,
            accepted_by=decision.accepted_by,
            status=Agreement.Status.PROPOSED,
            source_reference=meeting.title,
            source_record=meeting,
        )
    for merged, changes in merges:
        # The meeting's new date and owner replace the old ones, with the edit in the
        # commitment's history like any other; the minutes then list it.
        if changes:
            commitment_update(commitment=merged, actor=actor, **changes)
        meeting.repeated_commitments.add(merged)
    for action in actions:
        if action.merge_into is not None:
            continue
        commitment_create(
            project=meeting.project,
            actor=actor,
            title=action.title,
            side=action.side,
            due_date=action.due_date,
            owner_member=action.owner_member,
            owner_contact=action.owner_contact,
            origin=meeting,
            origin_label=f"{meeting.title} ({day:%Y-%m-%d})",
        )
    meeting.discussed = discussed.strip()
    meeting.status = Meeting.Status.HELD
    meeting.held_at = meeting.held_at or timezone.now()
    meeting.save()
    event_record(
        workspace=meeting.workspace, actor=actor, verb="meeting.minutes_recorded", target=meeting
    )
    return meeting


def _merge_changes(action: ActionInput) -> dict:
    """What an action row merged into an existing commitment changes in it: the due date, and
    the owner when the row names one."""
    merged = action.merge_into
    changes: dict = {}
    if action.due_date is not None and action.due_date != merged.due_date:
        changes["due_date"] = action.due_date
    owner = action.owner_member or action.owner_contact
    if owner is not None and (action.owner_member, action.owner_contact) != (
        merged.owner_member,
        merged.owner_contact,
    ):
        changes["owner_member"] = action.owner_member
        changes["owner_contact"] = action.owner_contact
    return changes


DUPLICATE_SIMILARITY = 0.6


def minutes_duplicates(*, meeting: Meeting, titles: list[str]) -> list[list[Commitment]]:
    """For each action title, the open commitments of the project that say much the same."""
    from accord.changes.textmatch import similarity

    if not any(title.strip() for title in titles):
        return [[] for _title in titles]
    existing = list(
        Commitment.objects.filter(project=meeting.project, status=Commitment.Status.OPEN)
        .select_related("owner_member__user", "owner_contact")
        .order_by("due_date", "id")[:500]
    )
    found = []
    for title in titles:
        found.append(
            [
                commitment
                for commitment in existing
                if title.strip()
                and max(similarity(title, commitment.title), similarity(commitment.title, title))
                >= DUPLICATE_SIMILARITY
            ][:3]
        )
    return found


def meeting_mark_held(*, meeting: Meeting, actor) -> Meeting:
    if meeting.status != Meeting.Status.PLANNED:
        raise DomainError(_("Only a planned meeting can be marked as held."))
    meeting.status = Meeting.Status.HELD
    meeting.held_at = timezone.now()
    meeting.save(update_fields=["status", "held_at", "updated_at"])
    event_record(workspace=meeting.workspace, actor=actor, verb="meeting.held", target=meeting)
    return meeting


def next_meeting_for(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            project=meeting.project, status=Meeting.Status.PLANNED, starts_at__gt=meeting.starts_at
        )
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def minutes_send(*, meeting: Meeting, actor) -> list[Interaction]:
    """Send the minutes to every attendee in their language; opens the objection window."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.HELD:
        raise DomainError(_("Record the minutes first."))
    if meeting.minutes_sent_at is not None:
        raise DomainError(_("The minutes were already sent."))
    groups = _by_language(meeting.attendee_contacts.prefetch_related("emails"))
    if not groups:
        raise DomainError(_("No client attendee has an e-mail address."))
    calendar = WorkCalendar.for_workspace(meeting.workspace)
    deadline = calendar.add_working_days(
        timezone.localdate(timezone=calendar.time_zone), objection_days()
    )
    decisions = list(meeting_decisions(meeting))
    actions = list(meeting_actions(meeting))
    sent = []
    for language, group in groups.items():
        subject, body = minutes_email(
            meeting=meeting,
            language=language,
            decisions=decisions,
            actions=actions,
            next_meeting=next_meeting_for(meeting),
            deadline=deadline,
            sender=_sender_name(actor),
        )
        sent.append(
            email_send(
                workspace=meeting.workspace,
                actor=actor,
                to_contacts=group,
                subject=subject,
                body=body,
                project=meeting.project,
                about=meeting,
            )
        )
    meeting.minutes_sent_at = timezone.now()
    meeting.minutes_message_ids = [interaction.message_id for interaction in sent]
    meeting.objection_deadline = deadline
    meeting.objection_status = Meeting.Objection.OPEN if decisions else Meeting.Objection.ACCEPTED
    meeting.save()
    MinutesReminder.objects.filter(meeting=meeting, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    event_record(
        workspace=meeting.workspace, actor=actor, verb="meeting.minutes_sent", target=meeting
    )
    return sent


def minutes_objections_process(*, today: datetime.date | None = None) -> dict[str, int]:
    """Close objection windows: a client reply in the thread disputes; silence accepts."""
    today = today or timezone.localdate()
    counts = {"accepted": 0, "disputed": 0}
    for meeting in Meeting.objects.filter(objection_status=Meeting.Objection.OPEN).select_related(
        "workspace"
    ):
        ids = meeting.minutes_message_ids or []
        reply_filter = Q(in_reply_to__in=ids)
        for message_id in ids:
            reply_filter |= (
                Q(references__contains=message_id)
                if _json_contains_supported()
                else Q(references__icontains=message_id)
            )
        reply = (
            Interaction.objects.filter(
                workspace=meeting.workspace,
                direction=Interaction.Direction.INBOUND,
                occurred_at__gte=meeting.minutes_sent_at,
            )
            .filter(reply_filter)
            .order_by("occurred_at")
            .first()
        )
        deadline_end = timezone.make_aware(
            datetime.datetime.combine(
                meeting.objection_deadline + datetime.timedelta(days=1), datetime.time.min
            )
        )
        with transaction.atomic():
            if reply is not None and reply.occurred_at < deadline_end:
                for agreement in meeting_decisions(meeting).filter(
                    status=Agreement.Status.PROPOSED
                ):
                    agreement_set_status(
                        agreement=agreement, status=Agreement.Status.DISPUTED, actor=None
                    )
                meeting.objection_status = Meeting.Objection.DISPUTED
                meeting.disputed_by = reply
                meeting.save(update_fields=["objection_status", "disputed_by", "updated_at"])
                event_record(
                    workspace=meeting.workspace,
                    verb="meeting.minutes_disputed",
                    target=meeting,
                    after={"reply": reply.pk},
                )
                counts["disputed"] += 1
            elif today > meeting.objection_deadline:
                for agreement in meeting_decisions(meeting).filter(
                    status=Agreement.Status.PROPOSED
                ):
                    agreement_set_status(
                        agreement=agreement, status=Agreement.Status.ACCEPTED, actor=None
                    )
                meeting.objection_status = Meeting.Objection.ACCEPTED
                meeting.save(update_fields=["objection_status", "updated_at"])
                event_record(
                    workspace=meeting.workspace, verb="meeting.minutes_accepted", target=meeting
                )
                counts["accepted"] += 1
    return counts


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def minutes_reminders_raise(*, now: datetime.datetime | None = None) -> list[MinutesReminder]:
    """Raise one reminder per held meeting whose minutes are late; never a second one."""
    now = now or timezone.now()
    grace = datetime.timedelta(hours=minutes_grace_hours())
    raised = []
    late = Meeting.objects.filter(
        status=Meeting.Status.HELD, minutes_sent_at__isnull=True, minutes_reminder__isnull=True
    )
    for meeting in late:
        ended = meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes)
        if ended + grace <= now:
            reminder, created = MinutesReminder.objects.get_or_create(
                meeting=meeting, defaults={"workspace": meeting.workspace}
            )
            if created:
                raised.append(reminder)
    return raised


def cadence_days(cadence: str) -> int | None:
    return {"weekly": 7, "biweekly": 14, "monthly": 30}.get(cadence or "")


def cadence_proposals(*, project, count: int = 3) -> list[datetime.datetime]:
    """The next regular meetings from the contract's cadence, after the latest meeting."""
    days = cadence_days(getattr(getattr(project, "contract", None), "meeting_cadence", ""))
    if days is None:
        return []
    if hasattr(project, "latest_meeting_at"):
        # Annotated on the project page's project (meetings.problems.project_annotations).
        latest_at = project.latest_meeting_at
    else:
        latest = (
            Meeting.objects.filter(project=project)
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("-starts_at")
            .first()
        )
        latest_at = latest.starts_at if latest else None
    base = latest_at or timezone.now()
    proposals, moment = [], base
    while len(proposals) < count:
        moment = moment + datetime.timedelta(days=days)
        if moment > timezone.now():
            proposals.append(moment)
    return proposals


@transaction.atomic
def kickoff_record(
    *,
    meeting: Meeting,
    actor,
    meeting_cadence: str,
    documentation_list: str,
    escalation_path: str,
    our_first_task: str = "",
    our_first_due=None,
    our_owner=None,
    client_first_task: str = "",
    client_first_due=None,
    client_owner=None,
) -> None:
    """Store the rules of cooperation agreed at the kickoff on the contract (practice §1)."""
    if meeting.kind != Meeting.Kind.KICKOFF:
        raise DomainError(_("Only a kickoff meeting records the rules of cooperation."))
    if not meeting_cadence or not documentation_list.strip() or not escalation_path.strip():
        raise DomainError(_("Agree the meeting cadence, the documents and the escalation path."))
    contract = contract_for_project(project=meeting.project)
    contract_update(
        contract=contract,
        actor=actor,
        meeting_cadence=meeting_cadence,
        documentation_list=documentation_list,
        escalation_path=escalation_path,
    )
    for title, due, side, owner in [
        (our_first_task, our_first_due, Commitment.Side.OURS, our_owner),
        (client_first_task, client_first_due, Commitment.Side.CLIENT, client_owner),
    ]:
        if title.strip():
            if due is None:
                raise DomainError(_("Each task in the schedule needs a due date."))
            commitment_create(
                project=meeting.project,
                actor=actor,
                title=title,
                side=side,
                due_date=due,
                origin=meeting,
                owner_member=owner if side == Commitment.Side.OURS else None,
                owner_contact=owner if side == Commitment.Side.CLIENT else None,
                origin_label=meeting.title,
            )
