from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.errors import DomainError
from accord.core.forms import run_service
from accord.projects.selectors import project_get_for_member

from . import selectors, services
from .forms import AgreementForm, AgreementReverseForm, AgreementReviseForm, CommitmentForm


def agreement_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    form = AgreementForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        agreement = run_service(
            form,
            lambda: services.agreement_record(
                project=project, actor=request.user, **form.cleaned_data
            ),
        )
        if agreement:
            messages.success(request, _("Decision recorded."))
            return redirect("agreements:detail", agreement.pk)
    return render(
        request,
        "agreements/agreement_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get_for_member(member=request.member, agreement_id=agreement_id)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "project": agreement.project,
            "history": selectors.agreement_history(agreement=agreement),
            "reverse_form": AgreementReverseForm(project=agreement.project),
        },
    )


def agreement_revise(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get_for_member(member=request.member, agreement_id=agreement_id)
    form = AgreementReviseForm(request.POST or None, instance=agreement, project=agreement.project)
    if request.method == "POST" and form.is_valid():
        # The form must not write into the existing version: the service creates a new one.
        agreement.refresh_from_db()
        changes = dict(form.cleaned_data)
        new_version = run_service(
            form,
            lambda: services.agreement_revise(agreement=agreement, actor=request.user, **changes),
        )
        if new_version:
            messages.success(
                request, _("New version recorded; the previous one is kept in the history.")
            )
            return redirect("agreements:detail", new_version.pk)
    return render(
        request,
        "agreements/agreement_form.html",
        {"form": form, "project": agreement.project, "agreement": agreement},
        status=400 if form.errors else 200,
    )


@require_POST
def agreement_reverse(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get_for_member(member=request.member, agreement_id=agreement_id)
    form = AgreementReverseForm(request.POST, project=agreement.project)
    if form.is_valid():
        try:
            services.agreement_reverse(
                agreement=agreement,
                actor=request.user,
                note=form.cleaned_data["note"],
                reversed_by_contact=form.cleaned_data["reversed_by_contact"],
            )
            messages.success(request, _("Marked as reversed by the client."))
        except DomainError as error:
            messages.error(request, error.message)
    return redirect("agreements:detail", agreement.pk)


@require_POST
def agreement_status(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get_for_member(member=request.member, agreement_id=agreement_id)
    try:
        services.agreement_set_status(
            agreement=agreement, status=request.POST.get("status", ""), actor=request.user
        )
        messages.success(request, _("Status changed."))
    except (DomainError, ValueError) as error:
        messages.error(request, getattr(error, "message", str(error)))
    return redirect("agreements:detail", agreement.pk)


def commitment_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    form = CommitmentForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            lambda: services.commitment_create(
                project=project, actor=request.user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Commitment added."))
            return redirect(f"/projects/{project.pk}/#commitments")
    return render(
        request,
        "agreements/commitment_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def commitment_row(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = selectors.commitment_get_for_member(
        member=request.member, commitment_id=commitment_id
    )
    return render(request, "agreements/_commitment_row.html", {"commitment": commitment})


def commitment_edit(request: HttpRequest, commitment_id: int) -> HttpResponse:
    """Inline edit with htmx (the row swaps to a form and back); a full page without JavaScript."""
    commitment = selectors.commitment_get_for_member(
        member=request.member, commitment_id=commitment_id
    )
    project = commitment.project
    form = CommitmentForm(request.POST or None, instance=commitment, project=project)
    if request.method == "POST" and form.is_valid():
        commitment.refresh_from_db()
        saved = run_service(
            form,
            lambda: services.commitment_update(
                commitment=commitment, actor=request.user, **form.cleaned_data
            ),
        )
        if saved:
            if request.htmx:
                return render(request, "agreements/_commitment_row.html", {"commitment": saved})
            messages.success(request, _("Commitment saved."))
            return redirect(f"/projects/{project.pk}/#commitments")
    template = (
        "agreements/_commitment_row_form.html"
        if request.htmx
        else "agreements/commitment_form.html"
    )
    return render(
        request,
        template,
        {"form": form, "project": project, "commitment": commitment},
        status=400 if form.errors and not request.htmx else 200,
    )


@require_POST
def commitment_complete(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = selectors.commitment_get_for_member(
        member=request.member, commitment_id=commitment_id
    )
    commitment = services.commitment_complete(commitment=commitment, actor=request.user)
    if request.htmx:
        return render(request, "agreements/_commitment_row.html", {"commitment": commitment})
    return redirect(f"/projects/{commitment.project_id}/#commitments")
