from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.communications.selectors import interaction_get_for_member
from accord.core.errors import DomainError
from accord.core.forms import run_action, run_service
from accord.core.pagecache import cached_page
from accord.core.params import id_param
from accord.core.querying import page_of_rows
from accord.projects.selectors import project_get_for_member

from . import services
from .catalogue import SITUATION_IDS, Situation
from .checker import three_part_check
from .drafting import is_decline
from .forms import (
    CaseOpenForm,
    CaseUpdateForm,
    CheckForm,
    DraftForm,
    OverrideForm,
    PlaybookForm,
    problem_message,
)
from .models import Case, CaseDraft, CaseStep, PlaybookOverride
from .playbooks import (
    PlaybookError,
    PlaybookInvalid,
    builtin_playbook_source,
    builtin_playbooks,
    playbook_for,
    playbook_yaml,
)
from .selectors import case_list_for_member


def _case(request, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.select_related("project__client", "project__contract", "owner__user"),
        pk=case_id,
        workspace=request.workspace,
    )


@cached_page("cases")
def index(request: HttpRequest) -> HttpResponse:
    cases = case_list_for_member(member=request.member)
    status = request.GET.get("status", "open")
    if status == "open":
        cases = cases.filter(status__in=["open", "in_progress", "waiting"])
    if request.GET.get("situation") in SITUATION_IDS:
        cases = cases.filter(situation=request.GET["situation"])
    severity = request.GET.get("severity", "")
    if severity in Case.Severity.values:
        cases = cases.filter(severity=severity)
    page = page_of_rows(cases, 50, request.GET.get("page"))
    return render(
        request,
        "situations/list.html",
        {
            "cases": page,
            "page": page,
            "status": status,
            "situations": Situation.choices,
            "situation": request.GET.get("situation", ""),
            "severities": Case.Severity.choices[::-1],
        },
    )


def case_open(request: HttpRequest) -> HttpResponse:
    interaction = None
    if request.GET.get("interaction") or request.POST.get("interaction"):
        interaction = interaction_get_for_member(
            member=request.member,
            interaction_id=id_param(
                request.GET.get("interaction") or request.POST["interaction"], "interaction"
            ),
        )
        project = interaction.project
        if project is None:
            messages.error(request, _("Link the message to a project first."))
            return redirect("communications:detail", interaction.pk)
    else:
        project = project_get_for_member(
            member=request.member,
            project_id=id_param(
                request.GET.get("project") or request.POST.get("project"), "project"
            ),
        )
    form = CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            lambda: services.case_open(
                project=project,
                situation=form.cleaned_data["situation"],
                actor=request.user,
                interaction=interaction,
                severity=form.cleaned_data["severity"] or None,
                owner=request.member,
            ),
        )
        if result:
            case, created = result
            messages.success(
                request,
                _("Case opened.") if created else _("Added to the open case of this situation."),
            )
            return redirect("situations:detail", case.pk)
    return render(
        request,
        "situations/open.html",
        {"form": form, "project": project, "interaction": interaction},
    )


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    form = CaseUpdateForm(
        request.POST or None, instance=Case.objects.get(pk=case.pk), prefix="case"
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, lambda: services.case_update(case=case, actor=request.user, **form.cleaned_data)
        ):
            messages.success(request, _("Case saved."))
            return redirect("situations:detail", case.pk)
    language = request.member.language
    playbook = playbook_for(situation=case.situation, workspace=case.workspace)
    text = playbook.text(language)
    drafts = list(case.drafts.select_related("contact", "sent_interaction"))
    return render(
        request,
        "situations/detail.html",
        {
            "case": case,
            "project": case.project,
            "form": form,
            "text": text,
            "playbook": playbook,
            **_playbook_progress(case),
            "measures": (text.root_causes or {}).get(case.root_cause, []),
            "interactions": case.interactions.order_by("-occurred_at"),
            "advice": services.case_channel_advice(case),
            "drafts": [
                (
                    draft,
                    three_part_check(draft.body),
                    DraftForm(
                        initial={"subject": draft.subject, "body": draft.body},
                        prefix=f"draft{draft.pk}",
                    ),
                )
                for draft in drafts
            ],
            "decline": is_decline(case),
            "needs_confirmation": services.case_draft_needs_confirmation(case),
        },
        status=400 if form.errors else 200,
    )


def _playbook_progress(case: Case) -> dict:
    """The case's playbook steps with how many are done (one query)."""
    steps = list(case.steps.select_related("done_by"))
    return {
        "steps": steps,
        "steps_done": sum(1 for step in steps if step.done_at),
        "steps_total": len(steps),
    }


@require_POST
def step_toggle(request: HttpRequest, case_id: int, step_id: int) -> HttpResponse:
    case = _case(request, case_id)
    step = get_object_or_404(CaseStep, pk=step_id, case=case)
    services.case_step_toggle(step=step, actor=request.user)
    if request.htmx:
        return render(
            request, "situations/_playbook.html", {"case": case, **_playbook_progress(case)}
        )
    return redirect("situations:detail", case.pk)


@require_POST
def draft_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    run_action(
        request,
        lambda: services.case_draft_create(case=case, actor=request.user),
        _("Draft ready: read it, edit it, send it."),
    )
    return redirect(f"/cases/{case.pk}/#drafts")


@require_POST
def case_confirm_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    run_action(
        request,
        lambda: services.case_confirm(case=case, actor=request.user),
        _("Situation confirmed: you can draft the reply now."),
    )
    return redirect(f"/cases/{case.pk}/#drafts")


@require_POST
def close_after_correction(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    run_action(
        request,
        lambda: services.case_update(
            case=case,
            actor=request.user,
            status="closed",
            resolution_summary=case.resolution_summary
            or _("Closed: the label that opened it was corrected."),
        ),
        _("Case closed."),
    )
    return redirect("situations:detail", case.pk)


@require_POST
def suggestion_decide(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    from .models import CaseSuggestion

    suggestion = get_object_or_404(CaseSuggestion, pk=suggestion_id, workspace=request.workspace)
    if request.POST.get("decision") == "accept":
        try:
            case = services.case_suggestion_accept(suggestion=suggestion, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("projects:detail", suggestion.project_id)
        messages.success(request, _("Case opened."))
        return redirect("situations:detail", case.pk)
    run_action(
        request,
        lambda: services.case_suggestion_dismiss(suggestion=suggestion, actor=request.user),
        _("Suggestion dismissed."),
    )
    return redirect("projects:detail", suggestion.project_id)


@require_POST
def draft_save(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    case = _case(request, case_id)
    draft = get_object_or_404(CaseDraft, pk=draft_id, case=case)
    form = DraftForm(request.POST, prefix=f"draft{draft.pk}")
    if form.is_valid():
        try:
            services.case_draft_save(draft=draft, **form.cleaned_data)
            if "send" in request.POST:
                services.case_draft_send(draft=draft, actor=request.user)
                messages.success(
                    request, _("Queued for sending and recorded in the communication log.")
                )
            else:
                messages.success(request, _("Draft saved."))
        except DomainError as error:
            messages.error(request, error.message)
    return redirect(f"/cases/{case.pk}/#drafts")


def check_view(request: HttpRequest) -> HttpResponse:
    """The three-part checker for any text, also hand-written ones."""
    form = CheckForm(request.POST or None)
    result = three_part_check(form.cleaned_data["text"]) if form.is_valid() else None
    return render(request, "situations/check.html", {"form": form, "result": result})


def playbook_list(request: HttpRequest) -> HttpResponse:
    overrides = set(
        PlaybookOverride.objects.filter(workspace=request.workspace).values_list(
            "situation", flat=True
        )
    )
    return render(
        request,
        "situations/playbooks.html",
        {"situations": Situation.choices, "overrides": overrides},
    )


def _playbook_situation(situation: str) -> str:
    if situation not in SITUATION_IDS:
        raise Http404
    return situation


def _managers_only(request: HttpRequest) -> HttpResponse | None:
    if request.member.can_manage:
        return None
    return HttpResponseForbidden(_("Only owners and managers change playbooks."))


def _override(request: HttpRequest, situation: str) -> PlaybookOverride | None:
    return PlaybookOverride.objects.filter(workspace=request.workspace, situation=situation).first()


def playbook_edit(request: HttpRequest, situation: str) -> HttpResponse:
    """The workspace's playbook as a form, one section per language; saved as YAML."""
    situation = _playbook_situation(situation)
    if refused := _managers_only(request):
        return refused
    override = _override(request, situation)
    try:
        current = playbook_for(situation=situation, workspace=request.workspace)
    except PlaybookError:
        # An override that a later schema no longer accepts: start from the shipped one.
        messages.error(request, _("The saved version no longer fits the playbook rules."))
        current = builtin_playbooks()[situation]
    form = PlaybookForm(request.POST or None, situation=situation, playbook=current)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            lambda: services.playbook_override_save(
                workspace=request.workspace,
                situation=situation,
                source=playbook_yaml(form.playbook),
                actor=request.user,
            ),
        ):
            messages.success(request, _("Playbook saved for this workspace."))
            return redirect("situations:playbook_edit", situation)
    return render(
        request,
        "situations/playbook_edit.html",
        {
            "form": form,
            "situation": situation,
            "override": override,
            "sections": form.language_sections(first=request.member.language),
        },
        status=400 if form.errors else 200,
    )


def playbook_source(request: HttpRequest, situation: str) -> HttpResponse:
    """The advanced editor: the playbook's YAML as text, validated the same way."""
    situation = _playbook_situation(situation)
    if refused := _managers_only(request):
        return refused
    override = _override(request, situation)
    source = override.source if override else builtin_playbook_source(situation)
    form = OverrideForm(request.POST or None, initial={"source": source})
    if request.method == "POST" and form.is_valid():
        try:
            services.playbook_override_save(
                workspace=request.workspace,
                situation=situation,
                source=form.cleaned_data["source"],
                actor=request.user,
            )
            messages.success(request, _("Playbook saved for this workspace."))
            return redirect("situations:playbook_edit", situation)
        except PlaybookInvalid as invalid:
            for problem in invalid.problems:
                form.add_error(
                    "source",
                    _("Field %(field)s: %(message)s")
                    % {"field": problem.field, "message": problem_message(problem)},
                )
        except (PlaybookError, DomainError) as error:
            form.add_error("source", str(error))
    return render(
        request,
        "situations/playbook_source.html",
        {"form": form, "situation": situation, "override": override},
        status=400 if form.errors else 200,
    )


def playbook_export(request: HttpRequest, situation: str) -> HttpResponse:
    """The YAML this workspace's cases follow, as a file."""
    situation = _playbook_situation(situation)
    override = _override(request, situation)
    source = override.source if override else builtin_playbook_source(situation)
    response = HttpResponse(source, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{situation}.yaml"'
    return response


@require_POST
def playbook_reset(request: HttpRequest, situation: str) -> HttpResponse:
    situation = _playbook_situation(situation)
    if refused := _managers_only(request):
        return refused
    run_action(
        request,
        lambda: services.playbook_override_reset(
            workspace=request.workspace, situation=situation, actor=request.user
        ),
        _("The shipped playbook applies again to new cases."),
    )
    return redirect("situations:playbook_edit", situation)
