from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.agreements.forms import CommitmentForm
from accord.core.forms import run_service
from accord.core.hooks import (
    collect_deferred_panel,
    collect_project_panels,
    collect_project_problems,
)
from accord.core.pagecache import cached_page
from accord.core.params import id_param

from . import selectors, services
from .forms import ContractForm, MilestoneForm, ProjectForm, ScopeItemForm
from .models import Project, ScopeItem

PAGE_SIZE = 50


def project_list(request: HttpRequest) -> HttpResponse:
    from accord.clients.selectors import client_choices_for_member
    from accord.health.models import Band

    client_id = id_param(request.GET["client"], "client") if request.GET.get("client") else None
    listed = selectors.project_list_filtered(
        member=request.member,
        status=request.GET.get("status", ""),
        client_id=client_id,
        band=request.GET.get("health", ""),
    )
    page = Paginator(
        selectors.projects_for_problems(
            selectors.projects_with_counts(listed.order_by("client__name", "name", "id"))
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    projects = list(page.object_list)
    problems = collect_project_problems(projects)
    for project in projects:
        project.problems = problems.get(project.pk, [])
    return render(
        request,
        "projects/project_list.html",
        {
            "projects": projects,
            "page": page,
            "statuses": Project.Status.choices,
            "bands": Band.choices[::-1],
            "clients": client_choices_for_member(member=request.member),
            "client_id": client_id,
            "filtered": any(request.GET.get(key) for key in ("status", "client", "health")),
        },
    )


def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(
        request.POST or None,
        workspace=request.workspace,
        initial={"client": request.GET.get("client")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        client = data.pop("client")
        project = run_service(
            form, lambda: services.project_create(client=client, actor=request.user, **data)
        )
        if project:
            messages.success(
                request, _("Project created. Next: agree the rules of cooperation in the contract.")
            )
            return redirect("projects:detail", project.pk)
    return render(
        request, "projects/project_form.html", {"form": form}, status=400 if form.errors else 200
    )


@cached_page("project")
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_page_get_for_member(member=request.member, project_id=project_id)
    commitments = list(project.commitments.all())
    contract = services.contract_for_project(project=project)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "contract": contract,
            "scope_items": contract.scope_items.all(),
            "milestones": project.milestones.all(),
            "commitments_ours": [c for c in commitments if c.side == "ours"],
            "commitments_client": [c for c in commitments if c.side == "client"],
            "agreements": project.agreements.all(),
            "checklist": selectors.project_setup_checklist(
                project,
                our_commitments=project.our_commitments,
                client_commitments=project.client_commitments,
            ),
            "problems": collect_project_problems([project])[project.pk],
            "panels": collect_project_panels(request, project),
            "commitment_form": CommitmentForm(project=project),
        },
    )


def project_panel(request: HttpRequest, project_id: int, key: str) -> HttpResponse:
    """One deferred panel of the project page: the fragment the page's placeholder loads (htmx),
    or, opened directly, a page of its own."""
    project = selectors.project_get_for_member(member=request.member, project_id=project_id)
    project.workspace = request.workspace
    panel = collect_deferred_panel(request, project, key)
    if panel is None:
        raise Http404
    template = "projects/_panel.html" if request.htmx else "projects/project_panel.html"
    return render(request, template, {"project": project, "panel": panel})


def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_get_for_member(member=request.member, project_id=project_id)
    form = ProjectForm(request.POST or None, instance=project, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "client"}
        if run_service(
            form, lambda: services.project_update(project=project, actor=request.user, **data)
        ):
            messages.success(request, _("Project saved."))
            return redirect("projects:detail", project.pk)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def contract_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_get_for_member(member=request.member, project_id=project_id)
    contract = services.contract_for_project(project=project)
    form = ContractForm(request.POST or None, request.FILES or None, instance=contract)
    scope_form = ScopeItemForm()
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            lambda: services.contract_update(
                contract=contract, actor=request.user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Contract saved."))
            return redirect("projects:detail", project.pk)
    return render(
        request,
        "projects/contract_form.html",
        {
            "form": form,
            "project": project,
            "contract": contract,
            "scope_form": scope_form,
            "scope_items": contract.scope_items.all(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def scope_item_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_get_for_member(member=request.member, project_id=project_id)
    contract = services.contract_for_project(project=project)
    form = ScopeItemForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: services.scope_item_add(contract=contract, actor=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("Scope item added."))
    else:
        messages.error(
            request,
            _("The scope item was not added: %(errors)s")
            % {
                "errors": "; ".join(
                    str(error) for errors in form.errors.values() for error in errors
                )
            },
        )
    return redirect("projects:contract", project.pk)


@require_POST
def scope_item_remove(request: HttpRequest, project_id: int, item_id: int) -> HttpResponse:
    project = selectors.project_get_for_member(member=request.member, project_id=project_id)
    item = get_object_or_404(ScopeItem, pk=item_id, contract__project=project)
    services.scope_item_remove(item=item, actor=request.user)
    messages.success(request, _("Scope item removed."))
    return redirect("projects:contract", project.pk)


def milestone_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_get_for_member(member=request.member, project_id=project_id)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in ("name", "planned_date", "deliverable", "forecast_date")
        }
        if run_service(
            form, lambda: services.milestone_create(project=project, actor=request.user, **data)
        ):
            messages.success(request, _("Milestone added."))
            return redirect("projects:detail", project.pk)
    return render(
        request,
        "projects/milestone_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def milestone_edit(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = selectors.milestone_get_for_member(member=request.member, milestone_id=milestone_id)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            lambda: services.milestone_update(
                milestone=milestone, actor=request.user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Milestone saved."))
            return redirect("projects:detail", milestone.project_id)
    return render(
        request,
        "projects/milestone_form.html",
        {"form": form, "project": milestone.project, "milestone": milestone},
        status=400 if form.errors else 200,
    )
