"""Splitting pasted chat logs (Telegram, WhatsApp, Slack, Teams, plain "Name: text") into messages."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone


@dataclass
class ChatMessage:
    author: str
    sent_at: datetime.datetime
    text: str


_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp][Mm])?"
_DATE = r"(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{2,4})"
_PATTERNS = [
    # WhatsApp: "12.03.2026, 10:15 - Anna: text" or "[12.03.26, 10:15:03] Anna: text"
    re.compile(rf"^\[?{_DATE},?\s+{_TIME}\]?\s*(?:-\s*)?(?P<author>[^:]{{1,60}}):\s?(?P<text>.*)$"),
    # Telegram desktop copy: "Anna Petrova, [12.03.2026 10:15]" then the text on the next lines
    re.compile(rf"^(?P<author>[^,\[\]]{{1,60}}),\s*\[{_DATE}\s+{_TIME}\]\s*$"),
    # Slack/Teams: "Anna Petrova  10:15 AM" (author then time) with text below
    re.compile(rf"^(?P<author>[^\d:][^:]{{0,60}}?)\s{{1,}}\[?{_TIME}\]?\s*$"),
    # "[10:15] Anna: text" or "10:15 Anna: text"
    re.compile(rf"^\[?{_TIME}\]?\s+(?P<author>[^:]{{1,60}}):\s?(?P<text>.*)$"),
    # Plain "Anna: text"
    re.compile(r"^(?P<author>[A-Za-zА-Яа-яЁёĄĆĘŁŃÓŚŹŻąćęłńóśźż][\w .'-]{0,40}):\s+(?P<text>.+)$"),
]


def _moment(
    match: re.Match, default_date: datetime.date, previous: datetime.datetime | None
) -> datetime.datetime:
    groups = match.groupdict()
    day = default_date
    if groups.get("day"):
        year = int(groups["year"])
        year = year + 2000 if year < 100 else year
        try:
            day = datetime.date(year, int(groups["month"]), int(groups["day"]))
        except ValueError:
            day = default_date
    if groups.get("hour"):
        hour, minute = int(groups["hour"]), int(groups["minute"])
        ampm = (groups.get("ampm") or "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
        moment = datetime.datetime.combine(day, datetime.time(min(hour, 23), min(minute, 59)))
        return timezone.make_aware(moment)
    if previous is not None:
        return previous + datetime.timedelta(seconds=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def split_chat(text: str, *, default_date: datetime.date) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    previous: datetime.datetime | None = None
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        for pattern in _PATTERNS:
            match = pattern.match(line.strip())
            if match:
                previous = _moment(match, default_date, previous)
                messages.append(
                    ChatMessage(
                        match["author"].strip(),
                        previous,
                        (match.groupdict().get("text") or "").strip(),
                    )
                )
                break
        else:
            if messages:
                messages[-1].text = (messages[-1].text + "\n" + line.strip()).strip()
    return [message for message in messages if message.text]
