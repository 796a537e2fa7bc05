"""The triage block of a message (badges, evidence and the label-correction form), built in
Python: timelines show it on each of their 50 rows, where the same markup through template
includes cost most of the page's rendering time."""

from __future__ import annotations

from functools import cache

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from accord.core import display
from accord.core.links import link

register = template.Library()


@cache
def _label_choices(language: str | None) -> tuple[tuple[str, str, str], ...]:
    """(id, escaped id, escaped name) of each catalogue label in catalogue order, per language
    (``language`` keys the cache: the names are translated in the active one)."""
    from accord.situations.catalogue import SITUATION_IDS

    return tuple(
        (label, escape(label), escape(display.human(label, "label"))) for label in SITUATION_IDS
    )


def label_checkboxes(labels) -> SafeString:
    """The label picker with ``labels`` ticked, one checkbox per catalogue label."""
    chosen = set(labels or ())
    rows = "".join(
        f'\n<label class="check"><input type="checkbox" name="labels" value="{value}" '
        f"{'checked' if label in chosen else ''}> {name}</label>"
        for label, value, name in _label_choices(get_language())
    )
    return mark_safe(f'<div class="checks">{rows}\n</div>')  # noqa: S308 - parts escaped above


def _csrf_input(context) -> str:
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


@register.simple_tag(takes_context=True)
def interaction_triage(context, interaction) -> SafeString:
    """``{% interaction_triage item %}``: what triage found in the message and the form to
    correct its labels; the state when it is not triaged (yet)."""
    try:
        result = interaction.triage
    except ObjectDoesNotExist:
        result = None
    if not result:
        state = getattr(interaction, "triage_state", "")
        if state == "failed":
            return format_html(
                '<div class="triage"><span class="badge bad" data-triage="failed">{}</span> '
                '<span class="muted">{}</span></div>',
                gettext("not triaged"),
                interaction.triage_error,
            )
        if state in ("pending", "running"):
            return format_html(
                '<div class="triage"><span class="badge" data-triage="pending">{}</span></div>',
                gettext("triage pending"),
            )
        return mark_safe("")
    if result.labels:
        badges = "".join(
            format_html('<span class="badge bad">{}</span> ', display.human(label, "label"))
            for label in result.labels
        )
    else:
        badges = format_html('<span class="badge ok">{}</span> ', gettext("routine"))
    tone = format_html(
        '<span class="badge {}">{}</span>',
        display.tone_class(result.tone, "tone"),
        display.human(result.tone, "tone"),
    )
    urgent = (
        format_html(' <span class="badge bad">{}</span>', gettext("urgent"))
        if result.urgency == "high"
        else ""
    )
    evidence = ""
    if result.evidence:
        evidence = (
            '<ul class="evidence muted">'
            + "".join(
                format_html(
                    "<li><strong>{}</strong>: “{}”</li>",
                    display.human(item.get("label"), "label"),
                    item.get("text", ""),
                )
                for item in result.evidence
            )
            + "</ul>"
        )
    url = link("triage:correct", [interaction.pk])
    form = format_html(
        '<details><summary class="muted">{}</summary><form method="post" action="{}" '
        'hx-post="{}" hx-target="#triage-{}" hx-swap="outerHTML">{}\n{}\n<button type="submit">{}'
        "</button></form></details>",
        gettext("Correct"),
        url,
        url,
        interaction.pk,
        mark_safe(_csrf_input(context)),  # noqa: S308 - built by format_html
        label_checkboxes(result.labels),
        gettext("Save labels"),
    )
    return mark_safe(  # noqa: S308 - every part built by format_html or escaped
        f'<div class="triage" id="triage-{interaction.pk}">\n{badges}\n{tone}{urgent}\n'
        f"{evidence}\n{form}\n</div>"
    )
