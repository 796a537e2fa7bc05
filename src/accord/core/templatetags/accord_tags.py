from __future__ import annotations

from django import template
from django.template import RequestContext
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

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


@register.simple_tag
def problem_list(problems) -> str:
    """``{% problem_list problems %}``: a project's open problems as badges and links, built in
    Python because lists show them on every row (the markup of core/_problems.html)."""
    if not problems:
        return format_html('<span class="badge ok">{}</span>', gettext("No open problems"))
    items = format_html_join(
        "",
        '<li><span class="badge {}">{}</span> {}</li>',
        (
            (
                problem.severity,
                "!" if problem.severity == "bad" else "?",
                format_html('<a href="{}">{}</a>', problem.url, problem.text)
                if problem.url
                else problem.text,
            )
            for problem in problems
        ),
    )
    return format_html('<ul class="problems">{}</ul>', items)


@register.inclusion_tag("core/_history.html")
def history_for(record):
    """The audit history of a record (who changed what and when), oldest first."""
    from accord.core.history import record_history

    return {"entries": record_history(record)}
