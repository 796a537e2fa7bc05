from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.communications.selectors import interaction_get_for_member
from accord.core.errors import DomainError

from . import services


@require_POST
def correct(request: HttpRequest, interaction_id: int) -> HttpResponse:
    """One-click correction of the labels of a message; used by the next training run."""
    interaction = interaction_get_for_member(member=request.member, interaction_id=interaction_id)
    try:
        correction = services.triage_correct(
            interaction=interaction, actor=request.user, labels=request.POST.getlist("labels")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        changed = correction.cases_changed
        if changed["closed"]:
            messages.info(
                request,
                _("Closed the cases only that label had opened: %(cases)s.")
                % {"cases": ", ".join(case.get_situation_display() for case in changed["closed"])},
            )
        if changed["offered"]:
            messages.warning(
                request,
                _("Work was done on %(cases)s: close it on its page if the situation is not real.")
                % {"cases": ", ".join(case.get_situation_display() for case in changed["offered"])},
            )
    interaction = interaction_get_for_member(member=request.member, interaction_id=interaction_id)
    if request.htmx:
        return render(request, "triage/_interaction_triage.html", {"interaction": interaction})
    messages.success(request, _("Labels corrected."))
    return redirect("communications:detail", interaction.pk)
