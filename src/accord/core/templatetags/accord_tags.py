from __future__ import annotations

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel) -> str:
    """Render a project panel's template with its own context (keys available directly)."""
    request = context.get("request")
    return render_to_string(panel.template, {**panel.context, "panel": panel}, request=request)


@register.inclusion_tag("core/_history.html")
def history_for(record):
    """The audit history of a record (who changed what and when), oldest first."""
    from accord.core.history import record_history

    return {"entries": record_history(record)}
