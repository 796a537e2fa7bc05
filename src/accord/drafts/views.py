from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.communications.models import Interaction
from accord.core.errors import DomainError
from accord.projects.selectors import project_get_for_member

from .services import draft_store


@require_POST
def draft_use(request: HttpRequest, project_id: int) -> HttpResponse:
    """ "Use this draft": store the posted text and open it in the e-mail form by its id."""
    project = project_get_for_member(member=request.member, project_id=project_id)
    contact = project.client.contacts.filter(pk=request.POST.get("to") or None).first()
    in_reply_to = Interaction.objects.filter(
        workspace=request.workspace, pk=request.POST.get("in_reply_to") or None
    ).first()
    try:
        draft = draft_store(
            project=project,
            actor=request.user,
            kind=request.POST.get("kind", ""),
            subject=request.POST.get("subject", ""),
            body=request.POST.get("body", ""),
            contact=contact,
            in_reply_to=in_reply_to,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(
            request.POST.get("next") or reverse("communications:project", args=[project.pk])
        )
    return redirect(f"{reverse('communications:compose', args=[project.pk])}?draft={draft.pk}")
