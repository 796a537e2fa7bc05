from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accord.core.forms import run_service

from . import services
from .forms import HolidayForm, MemberAddForm, WorkspaceForm
from .selectors import member_list_for_workspace


def workspace_settings(request: HttpRequest) -> HttpResponse:
    workspace = request.workspace
    if workspace is None:
        return redirect("home")
    form = WorkspaceForm(
        request.POST or None, instance=type(workspace).objects.get(pk=workspace.pk), prefix="ws"
    )
    holiday_form = HolidayForm(prefix="holiday")
    member_form = MemberAddForm(prefix="member")
    if request.method == "POST":
        if not request.member.can_manage:
            return HttpResponseForbidden(_("Only owners and managers change workspace settings."))
        if "member-username" in request.POST:
            member_form = MemberAddForm(request.POST, prefix="member")
            if member_form.is_valid() and run_service(
                member_form,
                lambda: services.member_invite(
                    workspace=workspace, actor=request.user, **member_form.cleaned_data
                ),
            ):
                messages.success(request, _("Member added."))
                return redirect("workspace_settings")
        elif "holiday-date" in request.POST:
            holiday_form = HolidayForm(request.POST, prefix="holiday")
            if holiday_form.is_valid() and run_service(
                holiday_form,
                lambda: services.holiday_add(
                    workspace=workspace, actor=request.user, **holiday_form.cleaned_data
                ),
            ):
                messages.success(request, _("Holiday added."))
                return redirect("workspace_settings")
        elif form.is_valid() and run_service(
            form,
            lambda: services.workspace_update(
                workspace=workspace, actor=request.user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Workspace saved."))
            return redirect("workspace_settings")
    return render(
        request,
        "workspaces/settings.html",
        {
            "form": form,
            "holiday_form": holiday_form,
            "member_form": member_form,
            "members": member_list_for_workspace(workspace=workspace),
            "holidays": workspace.holidays.all(),
        },
        status=400 if (form.errors or holiday_form.errors or member_form.errors) else 200,
    )
