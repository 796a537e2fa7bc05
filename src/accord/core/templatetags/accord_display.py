"""``human`` and ``tone`` filters: every template shows names, never ids (see core.display)."""

from __future__ import annotations

from django import template

from accord.core import display

register = template.Library()


@register.filter
def human(value, kind: str) -> str:
    """``{{ case.situation|human:"situation" }}`` -> "Non-payment" / "Неоплата"."""
    return display.human(value, kind)


@register.filter
def choice(instance, field_name: str):
    """``{{ invoice|choice:"status" }}``: the same as ``invoice.get_status_display``, cheaper in
    lists (see core.display.choice_name). Nothing for a missing instance, as the template
    language renders ``invoice.case.get_status_display`` of an invoice without a case."""
    if instance is None or instance == "":
        return ""
    return display.choice_name(instance, field_name)


@register.filter
def tone(value, kind: str) -> str:
    """``<span class="badge {{ case.severity|tone:'severity' }}">``: colour by meaning."""
    return display.tone_class(value, kind)
