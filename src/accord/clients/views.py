from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accord.core.forms import run_service
from accord.core.pagecache import cached_page

from . import selectors, services
from .forms import ClientForm, ContactForm

PAGE_SIZE = 50


# Open cases and latest messages on the client page; the case list and the timeline have all.
CLIENT_PAGE_ROWS = 10


@cached_page("clients")
def client_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")
    cases = request.GET.get("cases", "")
    clients = selectors.client_list_filtered(
        member=request.member, search=search, with_open_cases=cases == "open"
    )
    page = Paginator(clients, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "clients/client_list.html",
        {"clients": page, "page": page, "search": search, "filtered": bool(search or cases)},
    )


def client_create(request: HttpRequest) -> HttpResponse:
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = run_service(
            form,
            lambda: services.client_create(
                workspace=request.workspace, actor=request.user, **form.cleaned_data
            ),
        )
        if client:
            messages.success(request, _("Client created."))
            return redirect("clients:detail", client.pk)
    return render(
        request, "clients/client_form.html", {"form": form}, status=400 if form.errors else 200
    )


def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    from accord.communications.selectors import interaction_list
    from accord.projects.selectors import project_list_for_member
    from accord.situations.selectors import open_case_list_for_client

    client = selectors.client_get_for_member(member=request.member, client_id=client_id)
    return render(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "contacts": selectors.contact_list_for_client(client=client),
            "projects": project_list_for_member(member=request.member).filter(client=client),
            "open_cases": open_case_list_for_client(member=request.member, client=client)[
                :CLIENT_PAGE_ROWS
            ],
            "recent_messages": interaction_list(workspace=request.workspace, client=client)[
                :CLIENT_PAGE_ROWS
            ],
        },
    )


def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = selectors.client_get_for_member(member=request.member, client_id=client_id)
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            lambda: services.client_update(client=client, actor=request.user, **form.cleaned_data),
        ):
            messages.success(request, _("Client saved."))
            return redirect("clients:detail", client.pk)
    return render(
        request,
        "clients/client_form.html",
        {"form": form, "client": client},
        status=400 if form.errors else 200,
    )


def contact_create(request: HttpRequest, client_id: int) -> HttpResponse:
    client = selectors.client_get_for_member(member=request.member, client_id=client_id)
    form = ContactForm(request.POST or None, initial={"language": client.language})
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "is_active"}
        if run_service(
            form, lambda: services.contact_create(client=client, actor=request.user, **data)
        ):
            messages.success(request, _("Contact added."))
            return redirect("clients:detail", client.pk)
    return render(
        request,
        "clients/contact_form.html",
        {"form": form, "client": client},
        status=400 if form.errors else 200,
    )


def contact_edit(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = selectors.contact_get_for_member(member=request.member, contact_id=contact_id)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        emails = data.pop("emails")
        if run_service(
            form,
            lambda: services.contact_update(
                contact=contact, actor=request.user, emails=emails, **data
            ),
        ):
            messages.success(request, _("Contact saved."))
            return redirect("clients:detail", contact.client_id)
    return render(
        request,
        "clients/contact_form.html",
        {"form": form, "client": contact.client, "contact": contact},
        status=400 if form.errors else 200,
    )
