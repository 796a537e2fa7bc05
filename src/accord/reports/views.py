from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.errors import DomainError
from accord.projects.selectors import project_get_for_member

from . import charts, services
from .models import StatusReport


def _svg_response(svg: str | None) -> HttpResponse:
    if svg is None:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Language"] = translation.get_language() or "en"
    return response


def project_chart(request: HttpRequest, project_id: int, name: str) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    language = translation.get_language() or "en"
    return _svg_response(charts.project_chart(project, name, language=language))


def workspace_chart(request: HttpRequest, name: str) -> HttpResponse:
    language = translation.get_language() or "en"
    return _svg_response(charts.workspace_chart(request.workspace, name, language=language))


def _project_url(project) -> str:
    return reverse("projects:detail", args=[project.pk]) + "#reports"


def report_preview(request: HttpRequest, project_id: int) -> HttpResponse:
    """The report as it would go out now, in the main contact's language (nothing is stored)."""
    project = project_get_for_member(member=request.member, project_id=project_id)
    start, end = services.default_period(project)
    _language, _subject, html = services.status_report_render(
        project=project, period_start=start, period_end=end, actor=request.user
    )
    return HttpResponse(html)


@require_POST
def report_send(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    try:
        report = services.status_report_send(project=project, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Status report sent to %(to)s.") % {"to": ", ".join(report.recipients)}
        )
    return redirect(_project_url(project))


@require_POST
def report_schedule(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    try:
        services.report_schedule_update(
            project=project, cadence=request.POST.get("cadence", ""), actor=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Report schedule saved."))
    return redirect(_project_url(project))


def _report_for_member(request: HttpRequest, report_id: int) -> StatusReport:
    return get_object_or_404(StatusReport, pk=report_id, workspace=request.workspace)


def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report exactly as it was sent."""
    report = _report_for_member(request, report_id)
    response = HttpResponse(report.html)
    response["Content-Language"] = report.language
    return response


def report_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report_for_member(request, report_id)
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="status-report-{report.period_end}.pdf"'
    return response
