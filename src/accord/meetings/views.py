from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.communications.outbox import outbox_about
from accord.core.errors import DomainError
from accord.core.forms import run_action, run_service
from accord.core.params import id_param
from accord.projects.selectors import project_get_for_member

from . import services
from .forms import (
    ActionRowFormSet,
    AgendaItemForm,
    DecisionRowFormSet,
    KickoffForm,
    MeetingForm,
    MinutesForm,
)
from .minutes import minutes_email
from .models import AgendaItem, Meeting


def _meeting(request, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("project__client", "project__contract"),
        pk=meeting_id,
        workspace=request.workspace,
    )


def index(request: HttpRequest) -> HttpResponse:
    from accord.projects.selectors import project_choices_for_member

    items = Meeting.objects.filter(workspace=request.workspace).select_related("project__client")
    status = request.GET.get("status", "")
    if status in Meeting.Status.values:
        items = items.filter(status=status)
    return render(
        request,
        "meetings/list.html",
        {
            "meetings": items.order_by("-starts_at", "-id")[:200],
            "statuses": Meeting.Status.choices,
            "projects": project_choices_for_member(member=request.member),
        },
    )


def meeting_new(request: HttpRequest) -> HttpResponse:
    """The "New" button of the list: the chosen project's form."""
    project = project_get_for_member(
        member=request.member, project_id=id_param(request.GET.get("project"), "project")
    )
    return redirect("meetings:create", project.pk)


def meeting_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    initial = {"kind": request.GET.get("kind", "call"), "title": request.GET.get("title", "")}
    if request.GET.get("starts_at"):
        initial["starts_at"] = request.GET["starts_at"]
    form = MeetingForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = run_service(
            form,
            lambda: services.meeting_create(
                project=project,
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                location=data["location"],
                contacts=list(data["contacts"]),
                members=list(data["members"]),
                topics=[line.strip() for line in data["topics"].splitlines() if line.strip()],
            ),
        )
        if meeting:
            messages.success(
                request, _("Meeting planned; the agenda starts with what was agreed last time.")
            )
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def _minutes_forms(request, meeting: Meeting):
    contacts = meeting.project.client.contacts.filter(is_active=True).order_by("name")
    members = list(meeting.workspace.members.select_related("user"))
    data = request.POST if request.method == "POST" else None
    minutes_form = MinutesForm(data, initial={"discussed": meeting.discussed}, prefix="minutes")
    decision_rows = DecisionRowFormSet(data, prefix="decision", form_kwargs={"contacts": contacts})
    action_rows = ActionRowFormSet(
        data, prefix="action", form_kwargs={"contacts": list(contacts), "members": members}
    )
    return minutes_form, decision_rows, action_rows


def _minutes_inputs(meeting: Meeting, decision_rows, action_rows):
    """The rows as service inputs, and the duplicate suggestions still waiting for an answer."""
    decisions = [
        services.DecisionInput(row.cleaned_data["title"].strip(), row.cleaned_data["accepted_by"])
        for row in decision_rows
        if row.is_filled
    ]
    filled = [row for row in action_rows if row.is_filled]
    duplicates = services.minutes_duplicates(
        meeting=meeting, titles=[row.cleaned_data["title"] for row in filled]
    )
    actions, waiting = [], False
    for row, similar in zip(filled, duplicates, strict=True):
        row.duplicates = similar
        answer = row.cleaned_data.get("merge_into") or ""
        if similar and not answer:
            waiting = True
        merge_into = next((c for c in similar if str(c.pk) == answer), None)
        actions.append(
            services.ActionInput(
                row.cleaned_data["title"].strip(),
                row.cleaned_data["side"],
                row.cleaned_data["due_date"],
                owner_member=row.cleaned_data["owner_member"],
                owner_contact=row.cleaned_data["owner_contact"],
                merge_into=merge_into,
            )
        )
    return decisions, actions, waiting


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    minutes_form, decision_rows, action_rows = _minutes_forms(request, meeting)
    suggesting = False
    if (
        request.method == "POST"
        and "minutes-discussed" in request.POST
        and all(form.is_valid() for form in (minutes_form, decision_rows, action_rows))
    ):
        decisions, actions, suggesting = _minutes_inputs(meeting, decision_rows, action_rows)
        if not suggesting and run_service(
            minutes_form,
            lambda: services.minutes_record(
                meeting=meeting,
                actor=request.user,
                discussed=minutes_form.cleaned_data["discussed"],
                decisions=decisions,
                actions=actions,
            ),
        ):
            messages.success(request, _("Minutes recorded. Check the e-mail below and send it."))
            return redirect("meetings:detail", meeting.pk)
    decisions = list(services.meeting_decisions(meeting))
    actions = list(services.meeting_actions(meeting))
    previews = []
    if meeting.status == Meeting.Status.HELD:
        from accord.workspaces.calendar import WorkCalendar

        deadline = WorkCalendar.for_workspace(meeting.workspace).add_working_days(
            timezone.localdate(), services.objection_days()
        )
        for language in sorted(
            {contact.language for contact in meeting.attendee_contacts.all()} or {"en"}
        ):
            previews.append(
                (
                    language,
                    *minutes_email(
                        meeting=meeting,
                        language=language,
                        decisions=decisions,
                        actions=actions,
                        next_meeting=services.next_meeting_for(meeting),
                        deadline=deadline,
                        sender=request.user.get_full_name() or request.user.get_username(),
                    ),
                )
            )
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "project": meeting.project,
            "checks": services.meeting_checks(meeting),
            "agenda": meeting.agenda_items.order_by("audience", "position", "id"),
            "agenda_form": AgendaItemForm(),
            "minutes_form": minutes_form,
            "decision_rows": decision_rows,
            "action_rows": action_rows,
            "suggesting": suggesting,
            "in_future": meeting.status == Meeting.Status.PLANNED
            and meeting.starts_at > timezone.now(),
            "decisions": decisions,
            "actions": actions,
            "previews": previews,
            "emails": outbox_about(meeting),
            "kickoff_form": KickoffForm(initial={"meeting_cadence": "weekly"})
            if meeting.kind == "kickoff"
            else None,
        },
        status=400
        if minutes_form.errors
        or decision_rows.total_error_count()
        or action_rows.total_error_count()
        else 200,
    )


@require_POST
def agenda_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        services.agenda_item_add(
            meeting=meeting,
            text=form.cleaned_data["text"],
            audience="team" if form.cleaned_data["team_note"] else "client",
        )
    if request.htmx:
        return render(
            request,
            "meetings/_agenda.html",
            {
                "meeting": meeting,
                "agenda": meeting.agenda_items.order_by("audience", "position", "id"),
                "agenda_form": AgendaItemForm(),
            },
        )
    return redirect("meetings:detail", meeting.pk)


@require_POST
def agenda_change(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    action = request.POST.get("action")
    if action == "remove":
        services.agenda_item_remove(item=item)
    elif action in ("up", "down"):
        services.agenda_item_move(item=item, direction=-1 if action == "up" else 1)
    if request.htmx:
        return render(
            request,
            "meetings/_agenda.html",
            {
                "meeting": meeting,
                "agenda": meeting.agenda_items.order_by("audience", "position", "id"),
                "agenda_form": AgendaItemForm(),
            },
        )
    return redirect("meetings:detail", meeting.pk)


def _action(request, meeting_id: int, call, success: str) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    run_action(request, lambda: call(meeting), success)
    return redirect("meetings:detail", meeting.pk)


@require_POST
def invite_send(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _action(
        request,
        meeting_id,
        lambda m: services.meeting_invite_send(meeting=m, actor=request.user),
        _("Invitation with the agenda sent."),
    )


@require_POST
def mark_held(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _action(
        request,
        meeting_id,
        lambda m: services.meeting_mark_held(meeting=m, actor=request.user),
        _("Marked as held. Record and send the minutes within a day."),
    )


@require_POST
def minutes_send(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _action(
        request,
        meeting_id,
        lambda m: services.minutes_send(meeting=m, actor=request.user),
        _("Minutes sent to every attendee."),
    )


@require_POST
def kickoff(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = KickoffForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.kickoff_record(meeting=meeting, actor=request.user, **data)
            messages.success(request, _("Rules of cooperation stored on the contract."))
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Fill in the cadence, the documents and the escalation path."))
    return redirect("meetings:detail", meeting.pk)
