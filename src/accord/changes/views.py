from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit import ALL
from django_ratelimit.decorators import ratelimit

from accord.communications.selectors import interaction_get_for_member
from accord.core.errors import DomainError
from accord.core.formatting import workspace_time_zone
from accord.core.forms import run_action, run_service
from accord.core.params import id_param
from accord.projects.selectors import milestone_get_for_member, project_get_for_member

from . import services, texts
from .forecasts import delay_options, milestone_forecast
from .forms import (
    AssessForm,
    ChangeRequestForm,
    HandDecisionForm,
    IntermediateResultForm,
    PublicDecisionForm,
    ScopeCheckForm,
)
from .models import ChangeRequest
from .reversal import AgreementText, reversal_candidates


def _change(request, change_id: int) -> ChangeRequest:
    return get_object_or_404(
        ChangeRequest.objects.select_related(
            "project__client", "project__contract", "requested_by"
        ),
        pk=change_id,
        workspace=request.workspace,
    )


def index(request: HttpRequest) -> HttpResponse:
    from accord.projects.selectors import project_choices_for_member

    items = ChangeRequest.objects.filter(workspace=request.workspace).select_related(
        "project__client"
    )
    status = request.GET.get("status", "")
    if status in ChangeRequest.Status.values:
        items = items.filter(status=status)
    return render(
        request,
        "changes/list.html",
        {
            "changes": items.order_by("-created_at", "-id")[:200],
            "statuses": ChangeRequest.Status.choices,
            "projects": project_choices_for_member(member=request.member),
        },
    )


def change_new(request: HttpRequest) -> HttpResponse:
    """The "New" button of the list: the chosen project's form."""
    project = project_get_for_member(
        member=request.member, project_id=id_param(request.GET.get("project"), "project")
    )
    return redirect("changes:create", project.pk)


def change_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    interaction = None
    initial = {}
    if request.GET.get("interaction"):
        interaction = interaction_get_for_member(
            member=request.member,
            interaction_id=id_param(request.GET["interaction"], "interaction"),
        )
        initial = {
            "title": interaction.subject[:200],
            "description": interaction.body_text,
            "requested_by": interaction.sender_contact_id,
        }
    form = ChangeRequestForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("interaction"):
            interaction = interaction_get_for_member(
                member=request.member,
                interaction_id=id_param(request.POST["interaction"], "interaction"),
            )
        change = run_service(
            form,
            lambda: services.change_request_create(
                project=project,
                actor=request.user,
                origin="message" if interaction else "typed",
                origin_interaction=interaction,
                **form.cleaned_data,
            ),
        )
        if change:
            messages.success(request, _("Change request created. Next: assess its impact."))
            return redirect("changes:detail", change.pk)
    return render(
        request,
        "changes/form.html",
        {"form": form, "project": project, "interaction": interaction},
        status=400 if form.errors else 200,
    )


def change_detail(request: HttpRequest, change_id: int) -> HttpResponse:
    change = _change(request, change_id)
    assess_form = AssessForm(
        request.POST or None,
        project=change.project,
        prefix="assess",
        initial={
            "effort_hours": change.effort_hours,
            "risks": change.risks,
            **{f"shift_{s.milestone_id}": s.days for s in change.shifts.all()},
        },
    )
    if request.method == "POST" and assess_form.is_valid():
        if run_service(
            assess_form,
            lambda: services.change_request_assess(
                change=change,
                actor=request.user,
                effort_hours=assess_form.cleaned_data["effort_hours"],
                risks=assess_form.cleaned_data["risks"],
                shifts=assess_form.shifts(),
            ),
        ):
            messages.success(request, _("Impact assessed."))
            return redirect("changes:detail", change.pk)
    return render(
        request,
        "changes/detail.html",
        {
            "change": change,
            "project": change.project,
            "assess_form": assess_form,
            "decision_form": HandDecisionForm(),
            "shifts": change.shifts.select_related("milestone"),
        },
        status=400 if assess_form.errors else 200,
    )


def _post_action(request, change_id: int, call, success: str) -> HttpResponse:
    change = _change(request, change_id)
    run_action(request, lambda: call(change), success)
    return redirect("changes:detail", change.pk)


@require_POST
def change_send(request: HttpRequest, change_id: int) -> HttpResponse:
    return _post_action(
        request,
        change_id,
        lambda c: services.change_request_send(change=c, actor=request.user),
        _(
            "Queued for sending with a one-time decision link; the change waits for the "
            "client once the e-mail is sent."
        ),
    )


@require_POST
def change_withdraw(request: HttpRequest, change_id: int) -> HttpResponse:
    return _post_action(
        request,
        change_id,
        lambda c: services.change_request_withdraw(change=c, actor=request.user),
        _("Withdrawn."),
    )


@require_POST
def change_decide(request: HttpRequest, change_id: int) -> HttpResponse:
    form = HandDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Record the decision with its evidence."))
        return redirect("changes:detail", change_id)
    return _post_action(
        request,
        change_id,
        lambda c: services.change_request_decide_by_hand(
            change=c,
            actor=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            evidence=form.cleaned_data["evidence"],
            comment=form.cleaned_data["comment"],
            confirm_past_dates=form.cleaned_data["confirm_past_dates"],
        ),
        _("Decision recorded."),
    )


@login_not_required
@ratelimit(key="ip", rate="30/m", method=ALL, block=True)
def decide_public(request: HttpRequest, token: str) -> HttpResponse:
    """The client's page: no account, one decision, an expiring link."""
    try:
        link = services.decision_link_resolve(token)
    except DomainError as error:
        return render(
            request,
            "changes/public_refused.html",
            {"reason": error.message},
            status=410 if error.code != "unknown" else 404,
        )
    change = link.change_request
    # The page speaks the language of the person who decides, in the workspace's zone.
    language = services.change_request_language(change)
    with translation.override(language), workspace_time_zone(change.workspace):
        form = PublicDecisionForm(request.POST or None)
        past_moves = services.change_request_past_moves(change=change)
        if request.method == "POST" and form.is_valid():
            try:
                services.change_request_decide_by_link(
                    token=token,
                    approve=form.cleaned_data["decision"] == "approve",
                    comment=form.cleaned_data["comment"],
                    confirm_past_dates=form.cleaned_data["confirm_past_dates"],
                )
            except DomainError as error:
                if error.code != "confirm_past_dates":
                    return render(
                        request,
                        "changes/public_refused.html",
                        {"reason": error.message},
                        status=410,
                    )
                form.add_error("confirm_past_dates", error.message)
            else:
                return render(request, "changes/public_done.html", {"change": change})
        response = render(
            request,
            "changes/public.html",
            {
                "change": change,
                "form": form,
                "link": link,
                "verdict": texts.verdict_sentence(change.scope_verdict, language),
                "shift_lines": services.change_request_shift_lines(
                    change=change, language=language
                ),
                "past_moves": past_moves,
                "language": language,
            },
            status=400 if form.errors else 200,
        )
    return response


def scope_check_view(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    form = ScopeCheckForm(request.POST or request.GET or None)
    verdict = (
        services.project_scope_check(project=project, text=form.cleaned_data["text"])
        if form.is_valid()
        else None
    )
    return render(
        request, "changes/scope_check.html", {"project": project, "form": form, "verdict": verdict}
    )


def interaction_agreements(request: HttpRequest, interaction_id: int) -> HttpResponse:
    """A client message next to the accepted agreements it may contradict."""
    interaction = interaction_get_for_member(member=request.member, interaction_id=interaction_id)
    project = interaction.project
    agreements = (
        list(project.agreements.filter(status="accepted").select_related("accepted_by"))
        if project
        else []
    )
    by_id = {agreement.pk: agreement for agreement in agreements}
    text = f"{interaction.subject}\n{interaction.body_text}"
    candidates = [
        (by_id[m.agreement_id], m.score)
        for m in reversal_candidates(
            text, [AgreementText(a.pk, f"{a.title} {a.details}") for a in agreements]
        )
    ]
    contact = interaction.sender_contact
    sender = request.user.get_full_name() or request.user.get_username()
    replies = [
        (
            agreement,
            score,
            services.hold_the_line_reply(
                agreement=agreement,
                language=getattr(contact, "language", None)
                or (project.client.language if project else "en"),
                name=getattr(contact, "name", ""),
                sender=sender,
            ),
        )
        for agreement, score in candidates
    ]
    verdict = services.project_scope_check(project=project, text=text) if project else None
    return render(
        request,
        "changes/interaction_check.html",
        {"interaction": interaction, "project": project, "replies": replies, "verdict": verdict},
    )


@require_POST
def agreement_reversal(
    request: HttpRequest, interaction_id: int, agreement_id: int
) -> HttpResponse:
    interaction = interaction_get_for_member(member=request.member, interaction_id=interaction_id)
    agreement = get_object_or_404(interaction.project.agreements, pk=agreement_id)
    try:
        services.agreement_reversal_confirm(
            agreement=agreement, actor=request.user, interaction=interaction
        )
        messages.success(request, _("Recorded: the client reversed an accepted decision."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("changes:interaction", interaction.pk)


def forecast_view(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = milestone_get_for_member(member=request.member, milestone_id=milestone_id)
    forecast = milestone_forecast(milestone=milestone)
    contact = (
        milestone.project.client.contacts.filter(role="decision_maker").first()
        or milestone.project.client.contacts.first()
    )
    # One promised date: the computed forecast only proposes; the notice uses the accepted date.
    proposal = (
        forecast.forecast
        if milestone.done_date is None and forecast.forecast != milestone.promised_date
        else None
    )
    notice = (
        services.delay_notice(
            forecast=forecast,
            contact=contact,
            sender=request.user.get_full_name() or request.user.get_username(),
        )
        if milestone.done_date is None and milestone.promised_date > milestone.planned_date
        else None
    )
    form = IntermediateResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            lambda: services.intermediate_result_record(
                milestone=milestone,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                shown_at=form.cleaned_data["shown_at"],
            ),
        ):
            messages.success(request, _("Recorded. Ask the client for feedback below."))
            return redirect("changes:forecast", milestone.pk)
    results = list(milestone.intermediate_results.all()[:5])
    feedback = (
        services.feedback_request_draft(
            result=results[0], contact=contact, sender=request.user.get_username()
        )
        if results
        else None
    )
    return render(
        request,
        "changes/forecast.html",
        {
            "milestone": milestone,
            "project": milestone.project,
            "forecast": forecast,
            "notice": notice,
            "proposal": proposal,
            "options": delay_options(forecast) if forecast.at_risk else None,
            "contact": contact,
            "form": form,
            "results": results,
            "feedback": feedback,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def promise_accept(request: HttpRequest, milestone_id: int) -> HttpResponse:
    """A person accepts the computed forecast as the date the team promises."""
    import datetime

    milestone = milestone_get_for_member(member=request.member, milestone_id=milestone_id)
    try:
        date = datetime.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        messages.error(request, _("A promised date cannot be in the past."))
        return redirect("changes:forecast", milestone.pk)
    run_action(
        request,
        lambda: services.milestone_promise_accept(
            milestone=milestone, actor=request.user, date=date
        ),
        _("Date accepted: pages and drafts now promise it."),
    )
    return redirect("changes:forecast", milestone.pk)
