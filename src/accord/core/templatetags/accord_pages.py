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


@register.simple_tag(takes_context=True)
def filter_link(context, key: str, value: str, label: str, default: str = "") -> str:
    """A link that sets one filter of the list, marked when it is the filter now in force.

    htmx swaps the list (with its filter bar, so the marks follow) and pushes the URL, so the
    filtered view can be bookmarked and reloaded.
    """
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    request = context["request"]
    active = (request.GET.get(key) or default) == value
    url = page_url(context, key, value)
    return format_html(
        '<a class="button filter{}" href="{}" hx-get="{}" hx-target="#listing" '
        'hx-select="#listing" hx-swap="outerHTML" hx-push-url="true"{}>{}</a>',
        " active" if active else "",
        url,
        url,
        mark_safe(' aria-current="page"') if active else "",
        label,
    )
