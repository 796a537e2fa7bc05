"""Filters that word the stored mail reasons in the reader's language."""

from __future__ import annotations

from django import template

from accord.communications.reasons import (
    mailbox_error_text,
    parse_warning_text,
    quarantine_reason_text,
    send_error_text,
)

register = template.Library()


@register.filter
def quarantine_reason(reason: str) -> str:
    return quarantine_reason_text(reason or "")


@register.filter
def mailbox_error(error: str) -> str:
    return mailbox_error_text(error or "")


@register.filter
def parse_warning(note: str) -> str:
    return parse_warning_text(note or "")


@register.filter
def send_error(error: str) -> str:
    return send_error_text(error or "")
