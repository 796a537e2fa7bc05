from __future__ import annotations

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel) -> str:
    """Render a project panel's template with its own context (keys available directly)."""
    request = context.get("request")
    return render_to_string(panel.template, {**panel.context, "panel": panel}, request=request)
