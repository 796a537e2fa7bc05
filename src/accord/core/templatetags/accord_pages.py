"""Links between pages of a list that keep the list's filters."""

from __future__ import annotations

from django import template

register = template.Library()

PAGE_KEYS = ("page", "before")


@register.simple_tag(takes_context=True)
def page_url(context, key: str = "", value="") -> str:
    """``?<current filters>&key=value``, without the current page or cursor."""
    request = context["request"]
    query = request.GET.copy()
    for name in PAGE_KEYS:
        query.pop(name, None)
    if key:
        query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path
