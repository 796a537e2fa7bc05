"""``human`` and ``tone`` filters: every template shows names, never ids (see core.display);
and ``{% url %}`` with the URL shapes kept (see core.links)."""

from __future__ import annotations

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from accord.core import display
from accord.core.links import link

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


class _LinkNode(defaulttags.URLNode):
    """Django's ``{% url %}``, reversed through ``core.links.link``."""

    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {key: value.resolve(context) for key, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = link(view_name, args, kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """``{% url %}`` as Django's, with the URL shapes kept (see core.links); this library is a
    builtin of the template engine, so it takes the place of Django's tag in every template."""
    node = defaulttags.url(parser, token)
    return _LinkNode(node.view_name, node.args, node.kwargs, node.asvar)
