from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from accord.projects.selectors import project_get_for_member

from . import charts


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
