from __future__ import annotations

from django import template
from django.template import RequestContext
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel) -> str:
    """Render a project panel's template with its own context (keys available directly) and the
    page's context-processor values (request, user, member, CSRF token...), computed once for
    the page instead of once per panel."""
    if context.template is None or not isinstance(context, RequestContext):
        request = context.get("request")
        return render_to_string(panel.template, {**panel.context, "panel": panel}, request=request)
    values = dict(context.dicts[context._processors_index])
    values.update(panel.context)
    values["panel"] = panel
    # A context bound to the page's template: the panel's template renders in it directly, as
    # ``{% include ... only %}`` does, without running the context processors again.
    return context.template.engine.get_template(panel.template).render(context.new(values))


@register.inclusion_tag("core/_history.html")
def history_for(record):
    """The audit history of a record (who changed what and when), oldest first."""
    from accord.core.history import record_history

    return {"entries": record_history(record)}
