from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accord.clients.selectors import client_get_for_member
from accord.core.forms import run_service
from accord.core.pagecache import cached_page
from accord.core.params import id_param
from accord.projects.selectors import project_get_for_member

from . import selectors, services
from .forms import (
    ChatPasteForm,
    ComposeForm,
    InteractionLogForm,
    MailboxForm,
    MailUploadForm,
    TimelineFilterForm,
)
from .ingestion.importer import IMPORTED, mail_files_import, quarantine_retry
from .models import Mailbox, QuarantinedMessage


def _timeline(request: HttpRequest, *, project=None, client=None, title: str) -> HttpResponse:
    form = TimelineFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.interaction_list(
        workspace=request.workspace,
        project=project,
        client=client,
        channel=filters.get("channel", ""),
        direction=filters.get("direction", ""),
        language=filters.get("language", ""),
        query=filters.get("q", ""),
    )
    if (project is None and client is None) or filters.get("q"):
        # The whole workspace's log grows without end, and counting a search evaluates the
        # full-text match over every row a second time: keyset pages, no COUNT.
        page = selectors.keyset_page(queryset, cursor=request.GET.get("before", ""))
    else:
        page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    template = (
        "communications/_timeline_rows.html" if request.htmx else "communications/timeline.html"
    )
    return render(
        request,
        template,
        {
            "page": page,
            "form": form,
            "title": title,
            "project": project,
            "client": client,
            "quarantine_count": selectors.quarantine_list(workspace=request.workspace).count(),
        },
    )


def index(request: HttpRequest) -> HttpResponse:
    return _timeline(request, title=_("Communications"))


@cached_page("project-timeline")
def project_timeline(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    return _timeline(request, project=project, title=project.name)


def client_timeline(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_get_for_member(member=request.member, client_id=client_id)
    return _timeline(request, client=client, title=client.name)


@cached_page("message")
def interaction_detail(request: HttpRequest, interaction_id: int) -> HttpResponse:
    interaction = selectors.interaction_get_for_member(
        member=request.member, interaction_id=interaction_id
    )
    return render(
        request,
        "communications/interaction_detail.html",
        {"interaction": interaction, "item": interaction},
    )


def interaction_log(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    form = InteractionLogForm(request.POST or None, project=project)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: services.interaction_log(
                workspace=request.workspace,
                actor=request.user,
                project=project,
                **form.cleaned_data,
            ),
        )
    ):
        messages.success(request, _("Recorded."))
        return redirect("communications:project", project.pk)
    return render(
        request,
        "communications/log_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def chat_paste(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    form = ChatPasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form,
            lambda: services.chat_log_import(
                workspace=request.workspace,
                actor=request.user,
                project=project,
                text=form.cleaned_data["text"],
                client_names=form.cleaned_data["client_names"].split(","),
            ),
        )
        if created:
            messages.success(
                request,
                ngettext(
                    "%(count)d chat message recorded.",
                    "%(count)d chat messages recorded.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect("communications:project", project.pk)
    return render(
        request,
        "communications/chat_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def compose(request: HttpRequest, project_id: int) -> HttpResponse:
    from accord.core.client_words import reply_subject
    from accord.drafts.services import draft_get_for_member, draft_mark_sent

    project = project_get_for_member(member=request.member, project_id=project_id)
    # A generated draft arrives by its id (never its text in the link).
    draft = draft_get_for_member(
        member=request.member, draft_id=request.POST.get("draft") or request.GET.get("draft")
    )
    if draft is not None and draft.project_id != project.pk:
        draft = None
    initial = {"subject": request.GET.get("subject", ""), "body": ""}
    if draft is not None:
        initial = {"subject": draft.subject, "body": draft.body, "draft": draft.pk}
        if draft.contact_id:
            initial["to"] = [draft.contact_id]
    if request.GET.get("to"):
        initial["to"] = [request.GET["to"]]
    reply_to = draft.in_reply_to if draft is not None else None
    # The Reply button of a message page: the same form, threaded under that message.
    if draft is None and request.GET.get("reply"):
        replied = selectors.interaction_get_for_member(
            member=request.member, interaction_id=id_param(request.GET["reply"], "reply")
        )
        if replied.project_id == project.pk:
            reply_to = replied
            initial["subject"] = replied.subject
            if replied.sender_contact_id:
                initial["to"] = [replied.sender_contact_id]
    form = ComposeForm(request.POST or None, project=project, initial=initial)

    def send():
        interaction = services.email_send(
            workspace=request.workspace,
            actor=request.user,
            project=project,
            to_contacts=list(form.cleaned_data["to"]),
            subject=reply_subject(form.cleaned_data["subject"])
            if reply_to is not None
            else form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            in_reply_to=reply_to.message_id if reply_to is not None else "",
            references=list(reply_to.references or []) if reply_to is not None else [],
        )
        if draft is not None:
            draft_mark_sent(draft=draft, interaction=interaction)
        return interaction

    if request.method == "POST" and form.is_valid() and run_service(form, send):
        messages.success(
            request,
            _("E-mail queued; it is sent in the background (its state is shown in the timeline)."),
        )
        return redirect("communications:project", project.pk)
    return render(
        request,
        "communications/compose.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def mail_upload(request: HttpRequest) -> HttpResponse:
    """Import mail files from the browser: the same import, counts and quarantine as the CLI."""
    results = None
    form = MailUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        results = mail_files_import(
            workspace=request.workspace,
            files=[(item.name, item.read()) for item in form.cleaned_data["files"]],
        )
    template = (
        "communications/_upload_result.html" if request.htmx else "communications/upload.html"
    )
    return render(
        request,
        template,
        {"form": form, "results": results},
        status=400 if form.errors else 200,
    )


def _manager_only(request: HttpRequest) -> HttpResponse | None:
    if request.member.can_manage:
        return None
    return HttpResponseForbidden(_("Only owners and managers change the mailbox settings."))


def mailbox_settings(request: HttpRequest) -> HttpResponse:
    """The workspace's IMAP mailboxes that the periodic poll fetches from, and a form to add one."""
    if refused := _manager_only(request):
        return refused
    return _mailbox_form_page(request, mailbox=None)


def mailbox_edit(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    if refused := _manager_only(request):
        return refused
    mailbox = selectors.mailbox_get_for_member(member=request.member, mailbox_id=mailbox_id)
    return _mailbox_form_page(request, mailbox=mailbox)


def _mailbox_form_page(request: HttpRequest, *, mailbox: Mailbox | None) -> HttpResponse:
    from .ingestion.mailbox import mailbox_save

    form = MailboxForm(request.POST or None, instance=mailbox)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        saved = run_service(
            form,
            lambda: mailbox_save(
                workspace=request.workspace,
                mailbox=mailbox,
                values=values,
                password=values["password"],
            ),
        )
        if saved:
            messages.success(request, _("Mailbox settings saved."))
            return redirect("communications:mailbox_edit", saved.pk)
    return render(
        request,
        "communications/mailbox.html",
        {
            "form": form,
            "mailbox": mailbox,
            "mailboxes": selectors.mailbox_list_for_workspace(workspace=request.workspace)
            if mailbox is None
            else [],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def mailbox_test(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    from accord.core.errors import DomainError

    from .ingestion.mailbox import mailbox_connection_test

    if refused := _manager_only(request):
        return refused
    mailbox = selectors.mailbox_get_for_member(member=request.member, mailbox_id=mailbox_id)
    try:
        count = mailbox_connection_test(mailbox=mailbox)
        messages.success(
            request,
            ngettext(
                "Connected: the folder %(folder)s holds %(count)d message.",
                "Connected: the folder %(folder)s holds %(count)d messages.",
                count,
            )
            % {"folder": mailbox.folder, "count": count},
        )
    except DomainError as error:
        messages.error(request, error.message)
    # Back to the page the button was on: the list or the mailbox's own page.
    if request.POST.get("next") == "list":
        return redirect("communications:mailbox")
    return redirect("communications:mailbox_edit", mailbox.pk)


def quarantine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "communications/quarantine.html",
        {"entries": selectors.quarantine_list(workspace=request.workspace)},
    )


@require_POST
def quarantine_retry_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(
        QuarantinedMessage, pk=entry_id, workspace=request.workspace, resolved_at__isnull=True
    )
    result = quarantine_retry(entry=entry)
    if result.status == IMPORTED:
        messages.success(request, _("Imported."))
    elif result.status == "duplicate":
        messages.success(request, _("It was already imported; removed from the list."))
    else:
        messages.error(request, _("Still unreadable: %(reason)s") % {"reason": result.reason})
    return redirect("communications:quarantine")


@require_POST
def retry_send(request: HttpRequest, interaction_id: int) -> HttpResponse:
    """Queue an e-mail that could not be sent once more."""
    from accord.core.errors import DomainError

    from .outbox import outbox_retry

    interaction = selectors.interaction_get_for_member(
        member=request.member, interaction_id=interaction_id
    )
    try:
        outbox_retry(interaction=interaction, actor=request.user)
        messages.success(request, _("The e-mail is queued again."))
    except DomainError as error:
        messages.error(request, error.message)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("communications:detail", args=[interaction.pk])
    return redirect(target)
