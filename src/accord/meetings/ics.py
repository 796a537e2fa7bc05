"""iCalendar invites carrying the client agenda, in the workspace's time zone."""

from __future__ import annotations

import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from accord.core.client_words import one_line
from accord.core.formatting import workspace_zone


def invite_ics(
    *,
    meeting,
    organizer_email: str,
    attendee_emails: list[str],
    agenda_text: str,
    language: str = "en",
) -> bytes:
    """One VEVENT whose start carries the workspace zone (TZID plus its VTIMEZONE), so a
    calendar shows the time the team typed, on both sides of a daylight-saving change.

    ``agenda_text`` is the client agenda already rendered in ``language``: team notes, cases
    and severities never reach this file."""
    zone = workspace_zone(meeting.workspace)
    starts = meeting.starts_at.astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", "-//Accord//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@accord")
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", starts)
    event.add("dtend", starts + datetime.timedelta(minutes=meeting.duration_minutes))
    event.add("summary", one_line(meeting.title))
    event.add("description", agenda_text)
    if language:
        event["summary"].params["LANGUAGE"] = language
        event["description"].params["LANGUAGE"] = language
    if meeting.location:
        event.add("location", one_line(meeting.location))
    organizer = vCalAddress(f"MAILTO:{organizer_email}")
    event["organizer"] = organizer
    for email in attendee_emails:
        attendee = vCalAddress(f"MAILTO:{email}")
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
