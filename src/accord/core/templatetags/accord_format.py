"""Template filters over ``accord.core.formatting``: ``{% load accord_format %}``.

The locale is the active language (a page in the member's language, a client text rendered
inside ``translation.override(recipient_locale(contact))``) unless the filter is given one;
date-times are shown in the active time zone.

    {{ invoice.total|money:invoice.currency }}      3 500,00 ₽
    {{ change.effort_hours|hours }}                 40 ч
    {{ meeting.duration_minutes|duration }}         1 ч 30 мин
    {{ ratio|number }}                              0,75
    {{ milestone.planned_date|long_date }}          3 grudnia 2026
    {{ milestone.planned_date|short_date }}         03.12.2026
    {{ meeting.starts_at|local_datetime }}          3 grudnia 2026, 10:00
    {{ meeting.starts_at|local_time }}              10:00
    {{ days|days }}                                 5 дней
"""

from __future__ import annotations

from django import template

from accord.core import formatting

register = template.Library()


def _blank(value) -> bool:
    return value is None or value == ""


@register.filter
def money(value, currency: str = "") -> str:
    if _blank(value):
        return ""
    return formatting.format_money(value, currency or "EUR")


@register.filter
def number(value, decimals=None) -> str:
    if _blank(value):
        return ""
    return formatting.format_number(
        value, decimals=int(decimals) if decimals not in (None, "") else None
    )


@register.filter
def hours(value) -> str:
    return "" if _blank(value) else formatting.format_hours(value)


@register.filter
def minutes(value) -> str:
    return "" if _blank(value) else formatting.format_minutes(value)


@register.filter
def duration(value) -> str:
    return "" if _blank(value) else formatting.format_duration(value)


@register.filter
def days(value) -> str:
    return "" if _blank(value) else formatting.format_days(value)


@register.filter
def long_date(value) -> str:
    return "" if _blank(value) else formatting.format_date(value, style="long")


@register.filter
def medium_date(value) -> str:
    return "" if _blank(value) else formatting.format_date(value, style="medium")


@register.filter
def short_date(value) -> str:
    return "" if _blank(value) else formatting.format_date(value, style="short")


@register.filter
def local_datetime(value) -> str:
    return "" if _blank(value) else formatting.format_datetime(value)


@register.filter
def local_time(value) -> str:
    return "" if _blank(value) else formatting.format_time(value)
