"""ISO 4217 checks (Babel's CLDR data), and money and dates in a reader's locale.

Amounts are Decimal end to end. Formatting is ``accord.core.formatting``'s; these wrappers only
take ``None`` and the reader's language the way billing code has them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cache

from babel.numbers import get_currency_precision, list_currencies

from accord.core import formatting


@cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes Babel knows (historic ones included, as old invoices may use them)."""
    return frozenset(code for code in list_currencies() if len(code) == 3 and code.isalpha())


def currency_is_valid(code: str) -> bool:
    return (code or "").upper() in currency_codes()


def currency_digits(code: str) -> int:
    """Minor units of a currency: 2 for EUR, 0 for JPY, 3 for KWD."""
    return get_currency_precision(code.upper())


def amount_fits_currency(amount: Decimal, code: str) -> bool:
    exponent = amount.normalize().as_tuple().exponent
    return not isinstance(exponent, int) or -exponent <= currency_digits(code)


def format_money(amount: Decimal | None, currency: str, language: str | None) -> str:
    if amount is None:
        return ""
    return formatting.format_money(Decimal(amount), currency.upper(), language)


def format_day(day: datetime.date | None, language: str | None, length: str = "long") -> str:
    """A date as the reader writes it: "December 2, 2026", "2 декабря 2026", "2 grudnia 2026"."""
    if day is None:
        return ""
    return formatting.format_date(day, language, style=length)
