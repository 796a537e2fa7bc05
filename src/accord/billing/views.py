from __future__ import annotations

import functools

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.errors import DomainError
from accord.core.forms import run_action, run_service
from accord.workspaces.calendar import WorkCalendar

from . import dunning, plans, promises, selectors, services
from .charts import ageing_chart_cached, ageing_chart_svg, bucket_labels
from .forms import ImportForm, InvoiceForm, LadderFormSet, PaymentForm, PaymentPlanForm
from .imports import billing_import, template_dataset
from .models import DunningAction, Invoice, PaymentPlan, PaymentPromise


def member_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "member", None) is None:
            return render(request, "core/no_workspace.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _late_with_next_steps(workspace, invoices, today):
    calendar = WorkCalendar.for_workspace(workspace)
    steps = dunning.ladder_for_workspace(workspace=workspace)
    rows = []
    for invoice in invoices:
        rows.append(
            {
                "invoice": invoice,
                "days": selectors.days_overdue(invoice, today),
                "next": dunning.invoice_next_step(
                    invoice=invoice, calendar=calendar, steps=steps, today=today
                ),
                "last": invoice.last_action,
            }
        )
    return rows


def _with_ladder_state(queryset):
    from django.db.models import Prefetch

    return queryset.prefetch_related(
        Prefetch("dunning_actions", queryset=DunningAction.objects.order_by("days_late", "id")),
        "payment_plans",
    )


def _attach_last_action(invoices):
    for invoice in invoices:
        done = [a for a in invoice.dunning_actions.all() if a.status == DunningAction.Status.DONE]
        invoice.last_action = done[-1] if done else None
    return invoices


@member_required
def receivables(request: HttpRequest) -> HttpResponse:
    """Receivables per client and project in ageing buckets, with the chart, and the late list."""
    today = timezone.localdate()
    rows = selectors.receivables_ageing(workspace=request.workspace, today=today)
    totals = selectors.ageing_totals(rows)
    language = translation.get_language()
    charts = [
        {
            "currency": currency,
            "svg": ageing_chart_svg(totals=buckets, currency=currency, language=language),
            "totals": buckets,
        }
        for currency, buckets in sorted(totals.items())
    ]
    late = _attach_last_action(
        list(
            _with_ladder_state(
                selectors.invoices_overdue(workspace=request.workspace, today=today)
            )[:20]
        )
    )
    promises = (
        PaymentPromise.objects.filter(
            workspace=request.workspace, status=PaymentPromise.Status.PROPOSED
        )
        .select_related("invoice", "interaction", "contact", "project__client")
        .order_by("promised_date")[:50]
    )
    return render(
        request,
        "billing/receivables.html",
        {
            "rows": rows,
            "promises": promises,
            "charts": charts,
            "buckets": list(bucket_labels().items()),
            "late": _late_with_next_steps(request.workspace, late, today),
        },
    )


@member_required
def late_list(request: HttpRequest) -> HttpResponse:
    """Every late invoice of the workspace, oldest first, then the largest amount."""
    today = timezone.localdate()
    late = _attach_last_action(
        list(
            _with_ladder_state(
                selectors.invoices_overdue(workspace=request.workspace, today=today)
            )[:500]
        )
    )
    return render(
        request,
        "billing/late.html",
        {"late": _late_with_next_steps(request.workspace, late, today)},
    )


@member_required
def invoice_list(request: HttpRequest) -> HttpResponse:
    invoices = selectors.invoice_list(workspace=request.workspace)
    status = request.GET.get("status", "")
    if status in Invoice.Status.values:
        invoices = invoices.filter(status=status)
    return render(
        request,
        "billing/invoice_list.html",
        {"invoices": invoices[:500], "status": status, "statuses": Invoice.Status.choices},
    )


@member_required
def invoice_create(request: HttpRequest) -> HttpResponse:
    form = InvoiceForm(
        request.POST or None,
        request.FILES or None,
        workspace=request.workspace,
        initial={"project": request.GET.get("project"), "issue_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        invoice = run_service(
            form,
            lambda: services.invoice_create(
                actor=request.user,
                project=data.pop("project"),
                currency=data.pop("currency") or None,
                **data,
            ),
        )
        if invoice:
            messages.success(
                request, _("Invoice %(number)s recorded.") % {"number": invoice.number}
            )
            return redirect("billing:invoice", invoice.pk)
    return render(
        request, "billing/invoice_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _invoice_page(request, invoice, *, payment_form=None, plan_form=None, status=200):
    today = timezone.localdate()
    calendar = WorkCalendar.for_workspace(invoice.workspace)
    steps = dunning.ladder_for_workspace(workspace=invoice.workspace)
    actions = list(
        invoice.dunning_actions.select_related("interaction__outgoing", "commitment").order_by(
            "days_late", "id"
        )
    )
    plan_list = list(
        invoice.payment_plans.prefetch_related("instalments").select_related(
            "accepted_by", "agreement"
        )
    )
    return render(
        request,
        "billing/invoice_detail.html",
        {
            "invoice": invoice,
            "project": invoice.project,
            "contract": getattr(invoice.project, "contract", None),
            "payments": invoice.payments.select_related("recorded_by"),
            "actions": actions,
            "ladder": [
                {
                    "step": step,
                    "date": dunning.step_date(
                        calendar=calendar,
                        due_date=invoice.due_date,
                        days_late=step.days_late,
                        pauses=dunning.plan_pauses(plan_list),
                    ),
                    "action": next((a for a in actions if a.step_id == step.pk), None),
                }
                for step in steps
                if step.is_active
            ],
            "next": dunning.invoice_next_step(
                invoice=invoice, calendar=calendar, steps=steps, today=today
            ),
            "days_overdue": selectors.days_overdue(invoice, today),
            "plans": plan_list,
            "active_plan": next(
                (p for p in plan_list if p.status == PaymentPlan.Status.ACTIVE), None
            ),
            "mentions": invoice.mentions.select_related("interaction"),
            "promises": invoice.promises.select_related("interaction", "contact"),
            "payment_form": payment_form
            or PaymentForm(initial={"paid_on": today, "amount": invoice.outstanding or None}),
            "plan_form": plan_form
            or PaymentPlanForm(client=invoice.client, initial={"agreed_on": today}),
        },
        status=status,
    )


@member_required
def invoice_detail(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = selectors.invoice_get_for_member(member=request.member, invoice_id=invoice_id)
    return _invoice_page(request, invoice)


@member_required
@require_POST
def payment_add(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = selectors.invoice_get_for_member(member=request.member, invoice_id=invoice_id)
    form = PaymentForm(request.POST)
    if form.is_valid():
        payment = run_service(
            form,
            lambda: services.payment_record(
                invoice=invoice, actor=request.user, **form.cleaned_data
            ),
        )
        if payment:
            invoice.refresh_from_db()
            if invoice.overpaid:
                messages.warning(
                    request,
                    _(
                        "Payment recorded. The invoice is over-paid by %(amount)s: refund it or credit it."
                    )
                    % {"amount": _money(invoice.overpaid, invoice.currency)},
                )
            else:
                messages.success(request, _("Payment recorded."))
            return redirect("billing:invoice", invoice.pk)
    return _invoice_page(request, invoice, payment_form=form, status=400)


def _money(amount, currency):
    from .money import format_money

    return format_money(amount, currency, translation.get_language())


@member_required
@require_POST
def plan_add(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = selectors.invoice_get_for_member(member=request.member, invoice_id=invoice_id)
    form = PaymentPlanForm(request.POST, client=invoice.client)
    if form.is_valid():
        plan = run_service(
            form,
            lambda: plans.payment_plan_agree(
                invoice=invoice,
                instalments=form.cleaned_data["instalments"],
                agreed_on=form.cleaned_data["agreed_on"],
                accepted_by=form.cleaned_data["accepted_by"],
                note=form.cleaned_data["note"],
                actor=request.user,
            ),
        )
        if plan:
            messages.success(
                request,
                _("Payment plan recorded in the agreement log; the ladder waits while it is kept."),
            )
            return redirect("billing:invoice", invoice.pk)
    return _invoice_page(request, invoice, plan_form=form, status=400)


@member_required
@require_POST
def plan_cancel(request: HttpRequest, invoice_id: int, plan_id: int) -> HttpResponse:
    invoice = selectors.invoice_get_for_member(member=request.member, invoice_id=invoice_id)
    plan = get_object_or_404(PaymentPlan, pk=plan_id, invoice=invoice)
    run_action(
        request,
        lambda: plans.payment_plan_cancel(plan=plan, actor=request.user),
        _("Plan cancelled; the ladder resumes where it stood."),
    )
    return redirect("billing:invoice", invoice.pk)


@member_required
@require_POST
def invoice_cancel(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = selectors.invoice_get_for_member(member=request.member, invoice_id=invoice_id)
    run_action(
        request,
        lambda: services.invoice_cancel(
            invoice=invoice, actor=request.user, reason=request.POST.get("reason", "")
        ),
        _("Invoice cancelled."),
    )
    return redirect("billing:invoice", invoice.pk)


@member_required
@require_POST
def promise_decide(request: HttpRequest, promise_id: int) -> HttpResponse:
    promise = get_object_or_404(
        PaymentPromise.objects.select_related("invoice", "project", "interaction", "contact"),
        pk=promise_id,
        workspace=request.workspace,
    )
    if request.POST.get("decision") == "accept":
        run_action(
            request,
            lambda: promises.payment_promise_accept(promise=promise, actor=request.user),
            _("Recorded as the client's commitment and in the agreement log."),
        )
    else:
        run_action(
            request,
            lambda: promises.payment_promise_dismiss(promise=promise, actor=request.user),
            _("Dismissed."),
        )
    if promise.invoice_id:
        return redirect("billing:invoice", promise.invoice_id)
    return redirect("billing:receivables")


@member_required
def handover_download(request: HttpRequest, invoice_id: int) -> HttpResponse:
    from .handover import handover_file

    invoice = selectors.invoice_get_for_member(member=request.member, invoice_id=invoice_id)
    language = request.GET.get("language") or translation.get_language()
    content = handover_file(invoice=invoice, language=language)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="handover-{_safe(invoice.number)}.zip"'
    return response


def _safe(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "_", text)[:80] or "invoice"


@member_required
def import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = billing_import(
                workspace=request.workspace,
                kind=form.cleaned_data["kind"],
                content=upload.read(),
                filename=upload.name,
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
                mode=form.cleaned_data["mode"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
    status = 400 if form.errors or (report and (report.error or report.errors)) else 200
    return render(request, "billing/import.html", {"form": form, "report": report}, status=status)


@member_required
def import_template(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    if kind not in ("invoices", "payments") or file_format not in ("csv", "xlsx"):
        return HttpResponse(status=404)
    dataset = template_dataset(kind)
    content = dataset.export(file_format)
    response = HttpResponse(
        content,
        content_type="text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{kind}.{file_format}"'
    return response


@member_required
def ladder_edit(request: HttpRequest) -> HttpResponse:
    steps = dunning.ladder_for_workspace(workspace=request.workspace)
    initial = [
        {
            "id": step.pk,
            "days_late": step.days_late,
            "action": step.action,
            "is_active": step.is_active,
        }
        for step in steps
    ]
    formset = LadderFormSet(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST":
        if not request.member.can_manage:
            messages.error(request, _("Only owners and managers change the dunning ladder."))
            return redirect("billing:ladder")
        if formset.is_valid():
            rows = [
                form.cleaned_data
                for form in formset.forms
                if form.cleaned_data
                and form.cleaned_data.get("days_late")
                and not form.cleaned_data.get("delete")
            ]
            try:
                dunning.ladder_update(workspace=request.workspace, rows=rows, actor=request.user)
            except DomainError as refusal:
                error = refusal.message
            else:
                messages.success(request, _("Dunning ladder saved."))
                return redirect("billing:ladder")
    return render(
        request,
        "billing/ladder.html",
        {"formset": formset, "error": error},
        status=400 if error or (request.method == "POST" and not formset.is_valid()) else 200,
    )


def _ageing_svg(request: HttpRequest, *, project=None) -> HttpResponse:
    totals = selectors.ageing_totals_by_currency(
        workspace=request.workspace, project=project, today=timezone.localdate()
    )
    language = translation.get_language() or "en"
    svg = ageing_chart_cached(totals=totals, language=language)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Language"] = language
    return response


@member_required
def ageing_chart(request: HttpRequest) -> HttpResponse:
    """The workspace's receivables by age, one chart per currency (the dashboard's chart)."""
    return _ageing_svg(request)


@member_required
def project_ageing_chart(request: HttpRequest, project_id: int) -> HttpResponse:
    """One project's receivables by age (the project page's chart)."""
    from accord.projects.selectors import project_get_for_member

    project = project_get_for_member(member=request.member, project_id=project_id)
    return _ageing_svg(request, project=project)
