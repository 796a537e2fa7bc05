"""Locale formats of figures, dates and times, and the zone every request works in."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.core import formatting
from accord.meetings.models import Meeting
from accord.projects.tests.factories import ProjectFactory
from accord.workspaces.services import member_set_time_zone

NBSP = "\u00a0"
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


@pytest.mark.parametrize(
    ("locale", "currency", "expected"),
    [
        ("ru", "RUB", f"3{NBSP}500,00{NBSP}₽"),
        ("pl", "PLN", f"3{NBSP}500,00{NBSP}zł"),
        ("en", "USD", "$3,500.00"),
        ("en", "EUR", "€1,234,567.50"),
    ],
)
def test_money_in_the_readers_locale(locale, currency, expected):
    amount = Decimal("1234567.5") if currency == "EUR" else Decimal("3500")
    assert formatting.format_money(amount, currency, locale) == expected


def test_numbers_hours_minutes_and_durations():
    assert formatting.format_number(Decimal("3500.5"), "ru") == f"3{NBSP}500,5"
    assert formatting.format_number(40.0, "en") == "40"
    assert formatting.format_number(Decimal("2"), "pl", decimals=2) == "2,00"
    assert formatting.format_hours(Decimal("40.0"), "ru") == f"40{NBSP}ч"
    assert formatting.format_hours(40, "pl") == f"40{NBSP}godz."
    assert formatting.format_hours(1.5, "en") == f"1.5{NBSP}h"
    assert formatting.format_minutes(45, "ru") == f"45{NBSP}мин"
    assert formatting.format_duration(90, "ru") == f"1{NBSP}ч 30{NBSP}мин"
    assert formatting.format_duration(60, "en") == f"1{NBSP}h"
    assert formatting.format_days(5, "ru") == f"5{NBSP}дней"
    assert formatting.format_days(2, "pl") == f"2{NBSP}dni"
    assert formatting.format_days(1, "en") == f"1{NBSP}day"


def test_dates_without_a_suffix_that_doubles_the_full_stop():
    day = datetime.date(2026, 12, 3)
    assert formatting.format_date(day, "pl") == "3 grudnia 2026"
    assert formatting.format_date(day, "ru") == "3 декабря 2026"
    assert formatting.format_date(day, "en") == "December 3, 2026"
    assert formatting.format_date(day, "ru", style="short") == "03.12.2026"


def test_datetime_in_the_given_zone_across_the_autumn_dst_change():
    # Europe/Warsaw leaves summer time on 25 October 2026: UTC+2 before, UTC+1 after.
    before = datetime.datetime(2026, 10, 24, 8, 0, tzinfo=datetime.UTC)
    after = datetime.datetime(2026, 10, 26, 9, 0, tzinfo=datetime.UTC)
    assert (
        formatting.format_datetime(before, "pl", tz="Europe/Warsaw")
        == "24 października 2026, 10:00"
    )
    assert formatting.format_datetime(after, "pl", tz=WARSAW) == "26 października 2026, 10:00"
    assert formatting.format_time(after, "ru", tz=WARSAW) == "10:00"
    with timezone.override(WARSAW):
        assert formatting.format_datetime(after, "ru") == "26 октября 2026, 10:00"


def test_locale_defaults_to_the_active_language():
    with translation.override("pl"):
        assert formatting.format_hours(2) == f"2{NBSP}godz."
    assert formatting.normalize_locale("ru-RU") == "ru"
    assert formatting.normalize_locale("de") == "en"


@pytest.mark.django_db
def test_recipient_locale_prefers_the_contact_then_the_client_then_the_workspace(workspace):
    client = ClientFactory(workspace=workspace, language="pl")
    contact = ContactFactory(client=client, language="ru")
    assert formatting.recipient_locale(contact) == "ru"
    contact.language = ""
    assert formatting.recipient_locale(contact) == "pl"
    workspace.default_language = "ru"
    assert formatting.recipient_locale(None, workspace=workspace) == "ru"
    assert formatting.recipient_locale(None) == "en"


def test_tidy_text_joins():
    assert formatting.tidy_text("до 3 декабря 2026 г..") == "до 3 декабря 2026 г."
    assert formatting.tidy_text("dodać 40 godz..  Dalej ,tak") == "dodać 40 godz. Dalej ,tak"
    assert formatting.tidy_text("Wait... ok .") == "Wait... ok."


def test_template_filters_use_the_active_language_and_zone():
    template = Template(
        "{% load accord_format %}{{ amount|money:'RUB' }}|{{ effort|hours }}|{{ day|long_date }}"
        "|{{ moment|local_datetime }}|{{ none|money:'RUB' }}"
    )
    context = Context(
        {
            "amount": Decimal("3500"),
            "effort": Decimal("40.0"),
            "day": datetime.date(2026, 12, 3),
            "moment": datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC),
            "none": None,
        }
    )
    with translation.override("ru"), timezone.override(WARSAW):
        assert template.render(context) == (
            f"3{NBSP}500,00{NBSP}₽|40{NBSP}ч|3 декабря 2026|3 декабря 2026, 10:00|"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored_utc"),
    [
        # Summer time (UTC+2) the day before the change, winter time (UTC+1) the day after.
        ("2026-10-24T10:00", datetime.datetime(2026, 10, 24, 8, 0, tzinfo=datetime.UTC)),
        ("2026-10-26T10:00", datetime.datetime(2026, 10, 26, 9, 0, tzinfo=datetime.UTC)),
    ],
)
def test_a_typed_time_is_read_in_the_workspace_zone_and_stored_in_utc(
    member_client, member, typed, stored_utc
):
    workspace = member.workspace
    workspace.time_zone = "Europe/Warsaw"
    workspace.save()
    project = ProjectFactory(client=ClientFactory(workspace=workspace))
    response = member_client.post(
        f"/meetings/project/{project.pk}/new/",
        {"title": "Weekly", "kind": "call", "starts_at": typed, "duration_minutes": 60},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(project=project)
    assert meeting.starts_at == stored_utc
    page = member_client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "10:00" in page


@pytest.mark.django_db
def test_the_members_own_zone_wins_over_the_workspaces(member_client, member):
    member.workspace.time_zone = "Europe/Warsaw"
    member.workspace.save()
    member_set_time_zone(member=member, time_zone="Europe/Moscow")
    project = ProjectFactory(client=ClientFactory(workspace=member.workspace))
    member_client.post(
        f"/meetings/project/{project.pk}/new/",
        {
            "title": "Weekly",
            "kind": "call",
            "starts_at": "2026-12-03T10:00",
            "duration_minutes": 60,
        },
    )
    meeting = Meeting.objects.get(project=project)
    assert meeting.starts_at == datetime.datetime(2026, 12, 3, 7, 0, tzinfo=datetime.UTC)
    # Outside the request the zone is back to the default one.
    assert timezone.get_current_timezone_name() != "Europe/Moscow"
