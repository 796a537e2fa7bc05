"""The limits of every stored value, derived from the model field that stores it.

One set of rules for forms, API schemas and a last check before saving, so that a value the
database of one backend would take but another would refuse (SQLite stores a 30-digit budget in a
14-digit column; PostgreSQL raises) never becomes a stored row:

- decimals: at most ``max_digits`` digits, ``decimal_places`` after the point, no NaN/infinity;
- integers: the portable range of the column type (PostgreSQL's, the narrowest);
- dates and times: years 1900 to 2200;
- text: ``max_length`` of CharField, ``TEXT_MAX_LENGTH`` for TextField in forms and the API.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

YEAR_MIN = 1900
YEAR_MAX = 2200
# Free text typed in a form or sent to the API (e-mail bodies are imported apart from this).
TEXT_MAX_LENGTH = 100_000

INTEGER_RANGES: dict[str, tuple[int, int]] = {
    "SmallIntegerField": (-32768, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "BigIntegerField": (-9223372036854775808, 9223372036854775807),
    "PositiveBigIntegerField": (0, 9223372036854775807),
    "PositiveSmallIntegerField": (0, 32767),
    "PositiveIntegerField": (0, 2147483647),
    "SmallAutoField": (1, 32767),
    "AutoField": (1, 2147483647),
    "BigAutoField": (1, 9223372036854775807),
}
ID_MAX = 9223372036854775807


def validate_year(value) -> None:
    """Dates and times outside 1900-2200 are refused (a typo, or a value that breaks display)."""
    if value is None:
        return
    if isinstance(value, (datetime.date, datetime.datetime)) and not (
        YEAR_MIN <= value.year <= YEAR_MAX
    ):
        raise ValidationError(
            _("Enter a year between %(min)s and %(max)s."),
            code="year_range",
            params={"min": YEAR_MIN, "max": YEAR_MAX},
        )


def integer_range(field: models.Field) -> tuple[int, int] | None:
    internal = field.get_internal_type()
    if isinstance(field, models.ForeignKey):
        internal = field.target_field.get_internal_type()
        low, high = INTEGER_RANGES.get(internal, (1, ID_MAX))
        return low, high
    return INTEGER_RANGES.get(internal)


def field_value_error(field: models.Field, value: Any) -> str | None:
    """Why ``value`` does not fit ``field``'s column, or None when it fits."""
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        try:
            number = decimal.Decimal(value) if not isinstance(value, decimal.Decimal) else value
        except (decimal.InvalidOperation, TypeError, ValueError):
            return str(_("Enter a number."))
        if not number.is_finite():
            return str(_("Enter a number."))
        sign, digits, exponent = number.as_tuple()
        places = max(0, -exponent)
        whole = max(len(digits) + exponent, 0)
        if whole > field.max_digits - field.decimal_places:
            return str(
                _("Ensure that there are no more than %(n)s digits before the decimal point.")
                % {"n": field.max_digits - field.decimal_places}
            )
        if places > field.decimal_places and number != number.quantize(
            decimal.Decimal(1).scaleb(-field.decimal_places)
        ):
            return str(
                _("Ensure that there are no more than %(n)s decimal places.")
                % {"n": field.decimal_places}
            )
        return None
    if isinstance(field, (models.IntegerField, models.ForeignKey)) and isinstance(value, int):
        limits = integer_range(field)
        if limits and not (limits[0] <= value <= limits[1]):
            return str(
                _("Ensure this value is between %(low)s and %(high)s.")
                % {"low": limits[0], "high": limits[1]}
            )
        return None
    if isinstance(field, (models.DateField, models.DateTimeField)) and isinstance(
        value, (datetime.date, datetime.datetime)
    ):
        if not (YEAR_MIN <= value.year <= YEAR_MAX):
            return str(
                _("Enter a year between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX}
            )
        return None
    if (
        isinstance(field, models.CharField)
        and field.max_length
        and isinstance(value, str)
        and len(value) > field.max_length
    ):
        return str(_("Ensure this value has at most %(n)s characters.") % {"n": field.max_length})
    return None


def check_instance_limits(instance: models.Model) -> None:
    """Raise DomainError naming the first field whose value does not fit its column."""
    from .errors import DomainError

    for field in instance._meta.concrete_fields:
        if field.primary_key:
            continue
        error = field_value_error(field, getattr(instance, field.attname, None))
        if error:
            raise DomainError(f"{field.verbose_name}: {error}", field=field.name, code="limit")


def check_before_save(sender, instance, raw=False, **kwargs) -> None:
    """``pre_save`` receiver for every Accord model (loaded fixtures and backups excepted)."""
    if raw:
        return
    check_instance_limits(instance)
