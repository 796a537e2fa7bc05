"""Reads of the communication log: timelines, search, response times, client silence."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accord.workspaces.calendar import WorkCalendar

from .models import Interaction, Mailbox, QuarantinedMessage


def interaction_list(
    *,
    workspace,
    project=None,
    client=None,
    channel: str = "",
    direction: str = "",
    language: str = "",
    query: str = "",
) -> QuerySet[Interaction]:
    queryset = (
        Interaction.objects.filter(workspace=workspace)
        .select_related("project", "client", "sender_contact", "sender_user")
        # Two small queries more rather than two more joins: PostgreSQL took about 5 ms to plan
        # the seven-table join of a timeline page, three times as long as running it.
        .prefetch_related("triage", "outgoing")
        .defer("raw", "body_html")
        .order_by("-occurred_at", "-id")
    )
    if project is not None:
        queryset = queryset.filter(project=project)
    if client is not None:
        queryset = queryset.filter(client=client)
    if channel:
        queryset = queryset.filter(channel=channel)
    if direction:
        queryset = queryset.filter(direction=direction)
    if language:
        queryset = queryset.filter(language=language)
    if query.strip():
        queryset = _search(queryset, query.strip())
    return queryset


def _search(queryset: QuerySet[Interaction], query: str) -> QuerySet[Interaction]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVectorField

        # The stored column of migration 0006 (GIN-indexed), generated from subject, text and
        # quoted text; reading it costs nothing per row, computing to_tsvector ~50 µs a row.
        table = Interaction._meta.db_table
        vector = RawSQL(f'"{table}"."search_document"', [], output_field=SearchVectorField())
        # alias, not annotate: the vector is filtered on, never sent back.
        return queryset.alias(search=vector).filter(
            search=SearchQuery(query, config="simple", search_type="websearch")
        )
    condition = Q()
    for word in query.split():
        condition &= (
            Q(subject__icontains=word)
            | Q(body_text__icontains=word)
            | Q(quoted_text__icontains=word)
        )
    return queryset.filter(condition)


@dataclass
class KeysetPage:
    """One page of a list ordered newest first, found by the last row seen (no OFFSET, no
    COUNT): as fast on page 1,000 of a million messages as on page 1."""

    object_list: list[Interaction]
    cursor: str
    next_cursor: str
    keyset = True

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def keyset_page(queryset: QuerySet[Interaction], *, cursor: str = "", size: int = 50) -> KeysetPage:
    """Rows older than ``cursor`` ("<ISO time>_<id>" of the last row shown) of a queryset
    ordered by ``-occurred_at, -id``; a cursor that does not parse starts from the newest."""
    before = _cursor_parse(cursor)
    if before is not None:
        moment, last_id = before
        queryset = queryset.filter(
            Q(occurred_at__lt=moment) | Q(occurred_at=moment, id__lt=last_id)
        )
    rows = list(queryset.order_by("-occurred_at", "-id")[: size + 1])
    following = ""
    if len(rows) > size:
        rows = rows[:size]
        following = f"{rows[-1].occurred_at.isoformat()}_{rows[-1].pk}"
    return KeysetPage(rows, cursor if before is not None else "", following)


def _cursor_parse(cursor: str) -> tuple[datetime.datetime, int] | None:
    moment, _sep, last_id = (cursor or "").rpartition("_")
    try:
        parsed = datetime.datetime.fromisoformat(moment)
        number = int(last_id)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed, number


def interaction_get_for_member(*, member, interaction_id: int) -> Interaction:
    return get_object_or_404(
        Interaction.objects.select_related(
            "project", "client", "sender_contact", "sender_user", "triage", "outgoing"
        ).prefetch_related("attachments", "recipient_contacts"),
        pk=interaction_id,
        workspace=member.workspace,
    )


def quarantine_list(*, workspace) -> QuerySet[QuarantinedMessage]:
    return QuarantinedMessage.objects.filter(workspace=workspace, resolved_at__isnull=True).defer(
        "raw"
    )


@dataclass
class ResponseRow:
    inbound: Interaction
    answer: Interaction | None
    hours: float
    breached: bool


@dataclass
class ResponseStats:
    promised_hours: int | None
    rows: list[ResponseRow] = field(default_factory=list)
    client_reply_hours: list[float] = field(default_factory=list)

    @property
    def breaches(self) -> list[ResponseRow]:
        return [row for row in self.rows if row.breached]

    @property
    def average_team_hours(self) -> float | None:
        answered = [row.hours for row in self.rows if row.answer is not None]
        return round(sum(answered) / len(answered), 1) if answered else None

    @property
    def average_client_hours(self) -> float | None:
        return (
            round(sum(self.client_reply_hours) / len(self.client_reply_hours), 1)
            if self.client_reply_hours
            else None
        )


def response_stats(
    *,
    project,
    interactions: list[Interaction] | None = None,
    now=None,
    calendar: WorkCalendar | None = None,
    since: datetime.datetime | None = None,
) -> ResponseStats:
    """Team's time to first answer for each client message, and the client's time to reply.

    Counted in the workspace's working hours. The client's clock starts at the team's message and
    stops at the client's next message; while the last word is the client's, the team owes the
    next step and the client's clock does not run. ``since`` limits the count to recent messages
    (the project page shows the last ``RECENT_DAYS``), so the work stays bounded on old projects.
    """
    now = now or timezone.now()
    calendar = calendar or WorkCalendar.for_workspace(project.workspace)
    contract = getattr(project, "contract", None)
    promised = contract.response_time_hours if contract else None
    if interactions is None:
        queryset = Interaction.objects.filter(project=project)
        if since is not None:
            queryset = queryset.filter(occurred_at__gte=since)
        interactions = list(
            queryset.only("id", "direction", "occurred_at", "subject", "channel").order_by(
                "occurred_at", "id"
            )
        )
    stats = ResponseStats(promised_hours=promised)
    waiting: list[Interaction] = []
    team_message_at: datetime.datetime | None = None
    for item in interactions:
        if item.direction == Interaction.Direction.INBOUND:
            waiting.append(item)
            if team_message_at is not None:
                stats.client_reply_hours.append(
                    round(calendar.working_hours(team_message_at, item.occurred_at), 1)
                )
                team_message_at = None
        else:
            for inbound in waiting:
                hours = calendar.working_hours(inbound.occurred_at, item.occurred_at)
                stats.rows.append(
                    ResponseRow(
                        inbound, item, round(hours, 1), promised is not None and hours > promised
                    )
                )
            waiting = []
            team_message_at = team_message_at or item.occurred_at
    for inbound in waiting:
        hours = calendar.working_hours(inbound.occurred_at, now)
        stats.rows.append(
            ResponseRow(inbound, None, round(hours, 1), promised is not None and hours > promised)
        )
    return stats


@dataclass
class Silence:
    """The client has not answered the team's last message."""

    since: datetime.datetime
    working_days: int
    step: (
        int  # 1: one concrete question by e-mail, 2: propose a call, 3: write to the decision-maker
    )
    last_message: Interaction


def client_silence(
    *,
    project,
    last: Interaction | None = None,
    today: datetime.date | None = None,
    calendar: WorkCalendar | None = None,
) -> Silence | None:
    if last is None:
        last = Interaction.objects.filter(project=project).order_by("-occurred_at", "-id").first()
    if last is None or last.direction != Interaction.Direction.OUTBOUND:
        return None
    today = today or timezone.localdate()
    calendar = calendar or WorkCalendar.for_workspace(project.workspace)
    days = calendar.working_days_between(timezone.localtime(last.occurred_at).date(), today)
    threshold = max(1, project.silence_threshold_days)
    if days < threshold:
        return None
    return Silence(
        since=last.occurred_at, working_days=days, step=min(3, days // threshold), last_message=last
    )


MAILBOXES_PER_WORKSPACE = 50


def mailbox_list_for_workspace(*, workspace) -> list[Mailbox]:
    """The workspace's mailboxes for the settings page, by name (a workspace has a handful)."""
    return list(
        Mailbox.objects.filter(workspace=workspace).order_by("name", "pk")[:MAILBOXES_PER_WORKSPACE]
    )


def mailbox_get_for_member(*, member, mailbox_id: int) -> Mailbox:
    return get_object_or_404(Mailbox, pk=mailbox_id, workspace=member.workspace)
