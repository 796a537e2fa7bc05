"""The webhooks settings page: endpoints, their secret (shown once) and recent deliveries."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.forms import run_service

from . import services
from .forms import EndpointForm
from .models import WebhookDelivery, WebhookEndpoint


def _managers_only(request):
    if not request.member.can_manage:
        return HttpResponseForbidden(_("Only owners and managers manage webhooks."))
    return None


def webhook_settings(request: HttpRequest) -> HttpResponse:
    if refused := _managers_only(request):
        return refused
    form = EndpointForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form,
            lambda: services.endpoint_create(
                workspace=request.workspace, actor=request.user, **form.cleaned_data
            ),
        )
        if created:
            _endpoint, secret = created
            form = EndpointForm()
    endpoints = WebhookEndpoint.objects.filter(workspace=request.workspace)
    deliveries = (
        WebhookDelivery.objects.filter(workspace=request.workspace)
        .select_related("endpoint")
        .order_by("-created_at", "-id")[:50]
    )
    response = render(
        request,
        "webhooks/settings.html",
        {"form": form, "secret": secret, "endpoints": endpoints, "deliveries": deliveries},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def webhook_toggle(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    if refused := _managers_only(request):
        return refused
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id, workspace=request.workspace)
    services.endpoint_update(
        endpoint=endpoint, actor=request.user, is_active=not endpoint.is_active
    )
    return redirect("webhook_settings")


@require_POST
def webhook_delete(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    if refused := _managers_only(request):
        return refused
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id, workspace=request.workspace)
    services.endpoint_delete(endpoint=endpoint, actor=request.user)
    messages.success(request, _("Webhook removed."))
    return redirect("webhook_settings")


@require_POST
def webhook_retry(request: HttpRequest, delivery_id: int) -> HttpResponse:
    if refused := _managers_only(request):
        return refused
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_id, workspace=request.workspace)
    services.delivery_retry(delivery=delivery, actor=request.user)
    messages.success(request, _("The delivery will be tried again now."))
    return redirect("webhook_settings")
