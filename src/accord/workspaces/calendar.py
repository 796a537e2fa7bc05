"""Working time of a workspace: its weekdays, hours, holidays and time zone."""

from __future__ import annotations

import datetime
import zoneinfo
from contextvars import ContextVar
from dataclasses import dataclass

# Calendars built during the current request, by workspace: a page that counts working time in
# several places (problems, panels, forecasts) reads the holidays once. None outside requests.
_request_calendars: ContextVar[dict | None] = ContextVar("accord_request_calendars", default=None)


def calendar_cache_start(**_kwargs) -> None:
    _request_calendars.set({})


def calendar_cache_end(**_kwargs) -> None:
    _request_calendars.set(None)


def calendar_cache_clear(**_kwargs) -> None:
    cache = _request_calendars.get()
    if cache:
        cache.clear()


@dataclass(frozen=True)
class WorkCalendar:
    time_zone: zoneinfo.ZoneInfo
    day_start: datetime.time
    day_end: datetime.time
    weekdays: frozenset[int]
    holidays: frozenset[datetime.date]

    @classmethod
    def for_workspace(cls, workspace) -> WorkCalendar:
        cache = _request_calendars.get()
        key = (
            workspace.pk,
            workspace.time_zone,
            workspace.work_day_start,
            workspace.work_day_end,
            workspace.working_weekdays,
        )
        if cache is not None and key in cache:
            return cache[key]
        calendar = cls(
            time_zone=zoneinfo.ZoneInfo(workspace.time_zone or "UTC"),
            day_start=workspace.work_day_start,
            day_end=workspace.work_day_end,
            weekdays=frozenset(int(day) for day in (workspace.working_weekdays or "12345")),
            holidays=frozenset(workspace.holidays.values_list("date", flat=True)),
        )
        if cache is not None:
            cache[key] = calendar
        return calendar

    def is_working_day(self, day: datetime.date) -> bool:
        return day.isoweekday() in self.weekdays and day not in self.holidays

    def working_seconds(self, start: datetime.datetime, end: datetime.datetime) -> float:
        """Seconds of working time between two moments (0 when end is before start)."""
        if end <= start:
            return 0.0
        start, end = start.astimezone(self.time_zone), end.astimezone(self.time_zone)
        total = 0.0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                opens = datetime.datetime.combine(day, self.day_start, self.time_zone)
                closes = datetime.datetime.combine(day, self.day_end, self.time_zone)
                low, high = max(opens, start), min(closes, end)
                if high > low:
                    total += (high - low).total_seconds()
            day += datetime.timedelta(days=1)
        return total

    def working_hours(self, start: datetime.datetime, end: datetime.datetime) -> float:
        return self.working_seconds(start, end) / 3600

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += int(self.is_working_day(day))
        return count

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        day = start
        while days > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day
