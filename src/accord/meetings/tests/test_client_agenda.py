"""The client agenda leaves Accord; the team notes (cases, severities, remarks) never do."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from icalendar import Calendar

from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.meetings import services
from accord.projects.tests.factories import ProjectFactory
from accord.situations.services import case_open

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


@pytest.fixture
def project(member):
    member.workspace.time_zone = "Europe/Warsaw"
    member.workspace.save()
    return ProjectFactory(client=ClientFactory(workspace=member.workspace, language="ru"))


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime.date(2026, 10, 23), 8), (datetime.date(2026, 10, 26), 9)],
    ids=["summer-time", "winter-time"],
)
def test_invitation_and_ics_carry_the_client_agenda_in_the_typed_time(
    project, member, member_client, django_capture_on_commit_callbacks, day, utc_hour
):
    boss = ContactFactory(client=project.client, name="Игорь Морозов", role="decision_maker")
    english = ContactFactory(client=project.client, name="John Smith", language="en")
    case_open(
        project=project, situation="escalation_threat", actor=member.user, severity="critical"
    )
    starts = datetime.datetime.combine(day, datetime.time(10, 0), WARSAW)
    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Еженедельный\nсозвон",
        starts_at=starts,
        contacts=[boss, english],
        topics=["Структура каталога"],
    )
    services.agenda_item_add(meeting=meeting, text="Не обещать скидку", audience="team")
    assert meeting.starts_at.astimezone(datetime.UTC).hour == utc_hour

    page = member_client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Не обещать скидку" in page and "Critical" in page  # the team sees its notes

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite_send(meeting=meeting, actor=member.user)

    assert len(mail.outbox) == 2
    by_language = {message.to[0]: message for message in mail.outbox}
    russian = next(m for m in mail.outbox if boss.primary_email in m.to)
    assert len(by_language) == 2
    for message in mail.outbox:
        assert "Не обещать скидку" not in message.body
        assert "Critical" not in message.body and "Критич" not in message.body
        assert "Upset client" not in message.body and "Рассерженный" not in message.body
        assert "\n" not in message.subject
        name, payload, _mimetype = message.attachments[0]
        calendar = Calendar.from_ical(payload)
        event = next(iter(calendar.walk("VEVENT")))
        assert event["dtstart"].params["TZID"] == "Europe/Warsaw"
        assert event.decoded("dtstart").hour == 10
        assert "Не обещать скидку" not in str(event["description"])
        assert "Critical" not in str(event["description"])
    assert "10:00" in russian.body and "Темы на сегодня" in russian.body
    assert "Структура каталога" in russian.body
