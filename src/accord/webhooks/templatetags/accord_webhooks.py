"""The stored reason of a failed delivery, worded in the reader's language."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def delivery_error(error: str) -> str:
    from accord.webhooks.services import delivery_error_text

    return delivery_error_text(error or "")
