"""iCalendar invites carrying the agenda."""

from __future__ import annotations

import datetime

from icalendar import Calendar, Event, vCalAddress, vText


def invite_ics(
    *, meeting, organizer_email: str, attendee_emails: list[str], agenda_text: str
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Accord//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@accord")
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes))
    event.add("summary", meeting.title)
    event.add("description", agenda_text)
    if meeting.location:
        event.add("location", meeting.location)
    organizer = vCalAddress(f"MAILTO:{organizer_email}")
    event["organizer"] = organizer
    for email in attendee_emails:
        attendee = vCalAddress(f"MAILTO:{email}")
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
