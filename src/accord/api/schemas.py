"""Types for API schemas whose limits come from the model field that stores the value.

    class ProjectIn(Schema):
        name: model_type(Project, "name")                  # str, 1..200 characters
        budget: model_type(Project, "budget", optional=True)  # Decimal, 14 digits, 2 places, >= 0
        start_date: model_type(Project, "start_date", optional=True)  # a date in 1900..2200

A value outside the limits is answered with 422 naming the field; nothing is stored.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Annotated, Any, Literal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from pydantic import AfterValidator, Field, StringConstraints

from accord.core.limits import ID_MAX, TEXT_MAX_LENGTH, YEAR_MAX, YEAR_MIN, integer_range


def _year_in_range(value):
    if value is not None and not (YEAR_MIN <= value.year <= YEAR_MAX):
        raise ValueError(f"Enter a year between {YEAR_MIN} and {YEAR_MAX}.")
    return value


def _as_utc(value):
    """Aware times are stored in UTC: any offset the client sent (even -23:59) is applied here,
    so the database never sees an offset it cannot store."""
    if value is not None and value.tzinfo is not None:
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValueError(f"Enter a year between {YEAR_MIN} and {YEAR_MAX}.") from None
    return value


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text cannot contain NUL characters.")
    return value


_YEARS = f"Year {YEAR_MIN} to {YEAR_MAX}."
# The year range in the schema itself, so that clients (and API fuzzers) know it.
_YEAR_PATTERN = r"^(19[0-9][0-9]|2[01][0-9][0-9]|2200)-"
Date = Annotated[
    datetime.date,
    AfterValidator(_year_in_range),
    Field(description=_YEARS, json_schema_extra={"pattern": _YEAR_PATTERN}),
]
DateTime = Annotated[
    datetime.datetime,
    AfterValidator(_as_utc),
    AfterValidator(_year_in_range),
    Field(description=_YEARS, json_schema_extra={"pattern": _YEAR_PATTERN}),
]
# A record id in a path, query or body: a positive 64-bit integer (larger numbers are a 422,
# never an overflow in the database driver).
Id = Annotated[int, Field(ge=1, le=ID_MAX)]


def text(max_length: int = TEXT_MAX_LENGTH, *, min_length: int = 0) -> Any:
    return Annotated[
        str,
        StringConstraints(min_length=min_length, max_length=max_length),
        AfterValidator(_no_nul),
    ]


def _validator_bound(field: models.Field, kind) -> Any:
    for validator in field.validators:
        if isinstance(validator, kind):
            return validator.limit_value
    return None


def model_type(
    model: type[models.Model], name: str, *, optional: bool = False, minimum=None
) -> Any:
    """The pydantic type of ``model.name`` with the limits of its column.

    ``minimum`` narrows a number's lower bound where a service rule is stricter than the column
    (an estimate cannot be negative), so the schema tells clients the real limit.
    """
    field = model._meta.get_field(name)
    result: Any
    if getattr(field, "choices", None) and not isinstance(field, models.ForeignKey):
        values = tuple(value for value, _label in field.flatchoices)
        result = Literal[values]  # type: ignore[valid-type]
    elif isinstance(field, models.ForeignKey):
        result = Id
    elif isinstance(field, models.DecimalField):
        whole = field.max_digits - field.decimal_places
        low = _validator_bound(field, MinValueValidator)
        high = _validator_bound(field, MaxValueValidator)
        top = decimal.Decimal(10) ** whole - decimal.Decimal(1).scaleb(-field.decimal_places)
        result = Annotated[
            decimal.Decimal,
            Field(
                max_digits=field.max_digits,
                decimal_places=field.decimal_places,
                ge=minimum if minimum is not None else (low if low is not None else -top),
                le=high if high is not None else top,
                allow_inf_nan=False,
            ),
        ]
    elif isinstance(field, models.BooleanField):
        result = bool
    elif isinstance(field, models.IntegerField):
        low, high = integer_range(field) or (None, None)
        own_low = _validator_bound(field, MinValueValidator)
        own_high = _validator_bound(field, MaxValueValidator)
        low = max(low, own_low) if own_low is not None and low is not None else low
        high = min(high, own_high) if own_high is not None and high is not None else high
        result = Annotated[int, Field(ge=low, le=high)]
    elif isinstance(field, models.DateTimeField):
        result = DateTime
    elif isinstance(field, models.DateField):
        result = Date
    elif isinstance(field, models.EmailField):
        result = text(field.max_length or 254)
    elif isinstance(field, models.CharField):
        required = not field.blank and not optional
        result = text(field.max_length or TEXT_MAX_LENGTH, min_length=1 if required else 0)
    elif isinstance(field, models.TextField):
        required = not field.blank and not optional
        result = text(TEXT_MAX_LENGTH, min_length=1 if required else 0)
    else:
        raise TypeError(
            f"model_type does not know {type(field).__name__} ({model.__name__}.{name})"
        )
    return result | None if optional else result
