import datetime
import zoneinfo

from accord.workspaces.calendar import WorkCalendar

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
CALENDAR = WorkCalendar(
    time_zone=WARSAW,
    day_start=datetime.time(9),
    day_end=datetime.time(17),
    weekdays=frozenset({1, 2, 3, 4, 5}),
    holidays=frozenset({datetime.date(2026, 11, 11)}),
)


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=WARSAW)


def test_hours_within_one_day():
    assert CALENDAR.working_hours(at(9, 10), at(9, 15, 30)) == 5.5


def test_evening_and_weekend_do_not_count():
    # Friday 16:00 -> Monday 10:00 is one hour on Friday and one on Monday.
    assert CALENDAR.working_hours(at(6, 16), at(9, 10)) == 2.0


def test_holiday_does_not_count():
    # Tuesday 10 Nov 16:00 -> Thursday 12 Nov 10:00, with 11 Nov a holiday.
    assert CALENDAR.working_hours(at(10, 16), at(12, 10)) == 2.0


def test_working_days():
    assert (
        CALENDAR.working_days_between(datetime.date(2026, 11, 6), datetime.date(2026, 11, 12)) == 3
    )
    assert CALENDAR.add_working_days(datetime.date(2026, 11, 10), 2) == datetime.date(2026, 11, 13)
