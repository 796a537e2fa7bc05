"""Locale formatting of numbers, money, durations, dates and times (Babel, CLDR data).

Every text that reaches a client, and every page, formats its figures here, so a Russian
letter says "3 500,00 ₽" and "40 ч", a Polish one "3 grudnia 2026" and "40 godz.", an English
one "$3,500.00" and "40 h". The functions are plain (no request, no Django settings read at
import time) and take the locale explicitly; ``locale=None`` means the active Django language.
Date-times are shown in the time zone given, else the active Django time zone (the middleware
activates the workspace's, or the member's when set; tasks and e-mails pass the workspace zone
explicitly or run inside ``workspace_time_zone``).

Separators are CLDR's: Russian and Polish group digits with a no-break space (U+00A0), so a
figure never breaks across lines.

Stable API (other apps import these names):
    format_number(value, locale=None, *, decimals=None) -> str
    format_money(amount, currency, locale=None) -> str
    format_hours(hours, locale=None) -> str
    format_minutes(minutes, locale=None) -> str
    format_duration(minutes, locale=None) -> str
    format_days(days, locale=None) -> str
    format_date(value, locale=None, *, style="long") -> str
    format_time(value, locale=None, *, tz=None) -> str
    format_datetime(value, locale=None, *, tz=None) -> str
    recipient_locale(contact=None, *, client=None, workspace=None) -> str
    workspace_zone(workspace) -> ZoneInfo
    workspace_time_zone(workspace)  (context manager)
    tidy_text(text) -> str
"""

from __future__ import annotations

import contextlib
import datetime
import re
import zoneinfo
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import units as babel_units

SUPPORTED_LOCALES = ("en", "ru", "pl")
DEFAULT_LOCALE = "en"

# Units in the short form a business letter uses. CLDR's English short hour is "hr"; Accord
# writes "h", as its pages always did.
_HOUR_UNIT = {"en": "h", "ru": "ч", "pl": "godz."}
_MINUTE_UNIT = {"en": "min", "ru": "мин", "pl": "min"}

# Long dates without the Russian "г." suffix: a sentence ending in a date then needs only its
# own full stop ("до 3 декабря 2026."), never "г..".
_LONG_DATE_PATTERN = {"en": "MMMM d, y", "ru": "d MMMM y", "pl": "d MMMM y"}
_MEDIUM_DATE_PATTERN = {"en": "MMM d, y", "ru": "d MMM y", "pl": "d MMM y"}
_SHORT_DATE_PATTERN = {"en": "M/d/yy", "ru": "dd.MM.y", "pl": "dd.MM.y"}


def normalize_locale(locale: str | None) -> str:
    """One of "en", "ru", "pl": the given code (any case, "ru-RU"/"pl_PL" accepted) or, when
    None or unknown, the active Django language, falling back to English."""
    if not locale:
        from django.utils import translation

        locale = translation.get_language() or DEFAULT_LOCALE
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in SUPPORTED_LOCALES else DEFAULT_LOCALE


def _as_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def format_number(value, locale: str | None = None, *, decimals: int | None = None) -> str:
    """A number with the locale's separators: 3500.5 -> "3 500,5" (ru), "3,500.5" (en).

    ``decimals=None`` keeps up to two significant decimals and drops trailing zeros
    (40.0 -> "40", 1.25 -> "1,25"); an integer gives a fixed number of decimals.
    """
    locale = normalize_locale(locale)
    number = _as_decimal(value)
    if decimals is None:
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        pattern = "#,##0.##"
    else:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(number, format=pattern, locale=locale)


def format_money(amount, currency: str, locale: str | None = None) -> str:
    """An amount with its currency the locale's way: Decimal("3500"), "RUB", "ru" ->
    "3 500,00 ₽"; "PLN", "pl" -> "3 500,00 zł"; "USD", "en" -> "$3,500.00"."""
    locale = normalize_locale(locale)
    return babel_numbers.format_currency(
        _as_decimal(amount), (currency or "EUR").upper(), locale=locale
    )


def format_hours(hours, locale: str | None = None) -> str:
    """Hours of work: 40 -> "40 ч" (ru), "40 godz." (pl), "40 h" (en); 1.5 -> "1,5 ч"."""
    locale = normalize_locale(locale)
    return f"{format_number(hours, locale)}\u00a0{_HOUR_UNIT[locale]}"


def format_minutes(minutes, locale: str | None = None) -> str:
    """Minutes: 45 -> "45 мин" (ru), "45 min" (pl, en)."""
    locale = normalize_locale(locale)
    return f"{format_number(minutes, locale)}\u00a0{_MINUTE_UNIT[locale]}"


def format_duration(minutes, locale: str | None = None) -> str:
    """A length of time given in minutes: 90 -> "1 ч 30 мин", 60 -> "1 h", 45 -> "45 min"."""
    locale = normalize_locale(locale)
    total = int(_as_decimal(minutes).to_integral_value(rounding=ROUND_HALF_UP))
    hours, rest = divmod(abs(total), 60)
    parts = []
    if hours:
        parts.append(format_hours(hours, locale))
    if rest or not hours:
        parts.append(format_minutes(rest, locale))
    text = " ".join(parts)
    return f"-{text}" if total < 0 else text


def format_days(days, locale: str | None = None) -> str:
    """A number of days with the plural the language needs: 1 -> "1 день", 5 -> "5 дней",
    2 -> "2 dni", 1 -> "1 day"."""
    locale = normalize_locale(locale)
    return babel_units.format_unit(
        _as_decimal(days), "duration-day", length="long", locale=locale
    ).replace(" ", "\u00a0", 1)


def format_date(value: datetime.date, locale: str | None = None, *, style: str = "long") -> str:
    """A date: "long" -> "3 декабря 2026" / "3 grudnia 2026" / "December 3, 2026";
    "medium" -> "3 дек. 2026"; "short" -> "03.12.2026" / "12/3/26".

    A date-time is first turned into the active time zone's date.
    """
    locale = normalize_locale(locale)
    if isinstance(value, datetime.datetime):
        value = _localize(value, None).date()
    pattern = {"long": _LONG_DATE_PATTERN, "medium": _MEDIUM_DATE_PATTERN}.get(
        style, _SHORT_DATE_PATTERN
    )[locale]
    return babel_dates.format_date(value, format=pattern, locale=locale)


def _localize(value: datetime.datetime, tz) -> datetime.datetime:
    from django.utils import timezone

    zone = _zone(tz) if tz is not None else timezone.get_current_timezone()
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(zone)


def _zone(tz) -> datetime.tzinfo:
    if isinstance(tz, datetime.tzinfo):
        return tz
    return zoneinfo.ZoneInfo(str(tz))


def format_time(value: datetime.datetime, locale: str | None = None, *, tz=None) -> str:
    """The clock time of a moment in ``tz`` (a name or tzinfo; default the active zone):
    "10:00" (ru, pl), "10:00 AM" (en)."""
    locale = normalize_locale(locale)
    return babel_dates.format_time(_localize(value, tz), format="short", locale=locale)


def format_datetime(value: datetime.datetime, locale: str | None = None, *, tz=None) -> str:
    """A moment as date and clock time in ``tz`` (default the active zone):
    "3 grudnia 2026, 10:00", "3 декабря 2026, 10:00", "December 3, 2026, 10:00 AM".

    Stored values are UTC; a naive value is taken as UTC.
    """
    locale = normalize_locale(locale)
    local = _localize(value, tz)
    return f"{format_date(local.date(), locale)}, {format_time(local, locale, tz=local.tzinfo)}"


def format_time_zone(tz, locale: str | None = None) -> str:
    """The zone's name for a reader who may live elsewhere: "Europe/Warsaw"."""
    return str(getattr(tz, "key", tz))


def recipient_locale(contact=None, *, client=None, workspace=None) -> str:
    """The language a text to this person is written in: the contact's language, else the
    client's, else the workspace default, else English."""
    for candidate in (
        getattr(contact, "language", None),
        getattr(client or getattr(contact, "client", None), "language", None),
        getattr(workspace, "default_language", None),
    ):
        if candidate and candidate.split("-")[0].lower() in SUPPORTED_LOCALES:
            return candidate.split("-")[0].lower()
    return DEFAULT_LOCALE


def workspace_zone(workspace) -> zoneinfo.ZoneInfo:
    """The workspace's time zone (UTC when unset or unknown)."""
    name = getattr(workspace, "time_zone", "") or "UTC"
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def member_zone(member) -> zoneinfo.ZoneInfo:
    """The zone a member reads times in: their own when set, else their workspace's."""
    own = getattr(member, "time_zone", "") or ""
    if own:
        try:
            return zoneinfo.ZoneInfo(own)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return workspace_zone(getattr(member, "workspace", None))


@contextlib.contextmanager
def workspace_time_zone(workspace) -> Iterator[zoneinfo.ZoneInfo]:
    """Run a block (a task, an e-mail render) with the workspace's zone active."""
    from django.utils import timezone

    zone = workspace_zone(workspace)
    with timezone.override(zone):
        yield zone


_DOUBLED_STOP = re.compile(r"(?<!\.)\.\s*\.(?!\.)")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+([,.;:!?])(?=\s|$)")
_DOUBLED_SPACE = re.compile(r"(?<=\S)[ \t]{2,}")


def tidy_text(text: str) -> str:
    """Clean the joins of a generated text: one full stop where two met ("2026 г.." or
    "godz.."), no space before punctuation, no doubled spaces inside a line. An ellipsis
    ("...") is left alone."""
    lines = []
    for line in text.split("\n"):
        line = _DOUBLED_STOP.sub(".", line)
        line = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", line)
        line = _DOUBLED_SPACE.sub(" ", line)
        lines.append(line.rstrip())
    return "\n".join(lines)
