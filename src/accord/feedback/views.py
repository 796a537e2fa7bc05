from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accord.core.errors import DomainError
from accord.core.formatting import format_date, workspace_time_zone
from accord.projects.selectors import project_get_for_member

from . import selectors, services
from .forms import PeriodForm, SurveyAnswerForm
from .models import ASPECTS, Survey, SurveyResponse


@login_not_required
@ratelimit(key="ip", rate="30/m", method="ALL", block=True)
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The client's page: no account, one answer, in the contact's language, an expiring link."""
    try:
        survey = services.survey_resolve(token)
    except DomainError as error:
        return render(
            request,
            "feedback/public_refused.html",
            {"reason": error.message},
            status=404 if error.code == "unknown" else 410,
        )
    with translation.override(survey.language):
        form = SurveyAnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.survey_answer(
                    token=token,
                    score=data["score"],
                    comment=data["comment"],
                    aspects={aspect: data.get(aspect) for aspect in ASPECTS},
                )
            except DomainError as error:
                if error.field:
                    form.add_error(
                        error.field if error.field in form.fields else None, error.message
                    )
                else:
                    return render(
                        request,
                        "feedback/public_refused.html",
                        {"reason": error.message, "language": survey.language},
                        status=410,
                    )
            else:
                return render(
                    request,
                    "feedback/public_done.html",
                    {"survey": survey, "language": survey.language},
                )
        with workspace_time_zone(survey.workspace):
            expires = format_date(
                timezone.localtime(survey.expires_at).date(), survey.language, style="long"
            )
        return render(
            request,
            "feedback/public.html",
            {"survey": survey, "form": form, "language": survey.language, "expires": expires},
            status=400 if request.method == "POST" else 200,
        )


def survey_detail(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = selectors.survey_get_for_member(member=request.member, survey_id=survey_id)
    return render(request, "feedback/survey_detail.html", {"survey": survey})


@require_POST
def survey_send(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_get_for_member(member=request.member, project_id=project_id)
    survey = services.survey_send(
        project=project, trigger=Survey.Trigger.MANUAL, actor=request.user
    )
    if survey is None:
        messages.error(request, _("No client contact with an e-mail address to ask."))
    else:
        messages.success(
            request, _("Feedback request sent to %(name)s.") % {"name": survey.contact.name}
        )
    return redirect(reverse("projects:detail", args=[project.pk]) + "#feedback")


def improvement(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    end = timezone.localdate()
    start = end - datetime.timedelta(days=90)
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    summary = selectors.improvement_summary(workspace=request.workspace, start=start, end=end)
    aspect_labels = {name: SurveyResponse._meta.get_field(name).verbose_name for name in ASPECTS}
    return render(
        request,
        "feedback/improvement.html",
        {"form": form, "summary": summary, "aspect_labels": aspect_labels},
    )
