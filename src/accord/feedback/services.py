"""Feedback use cases: send a survey link, take the one answer, open a case on a low score."""

from __future__ import annotations

import datetime
import hashlib
import os
import secrets

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.errors import DomainError
from accord.core.events import event_record
from accord.core.formatting import format_date, recipient_locale, workspace_time_zone

from . import texts
from .models import ASPECTS, Survey, SurveyResponse

LOW_SCORE = 2  # a CSAT of 1 or 2 opens a case
LOW_SCORE_SITUATION = "quality_complaint"  # "dissatisfaction with quality or results"


def survey_link_days() -> int:
    return int(os.environ.get("ACCORD_SURVEY_LINK_DAYS", "14"))


def public_base_url() -> str:
    return os.environ.get("ACCORD_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def date_text(value, language: str) -> str:
    return format_date(value, language, style="long")


def survey_contact(project):
    """Who is asked: the decision-maker with an e-mail address, else the first contact with one."""
    contacts = [
        contact
        for contact in project.client.contacts.filter(is_active=True).prefetch_related("emails")
        if contact.primary_email
    ]
    contacts.sort(key=lambda contact: (contact.role != "decision_maker", contact.pk))
    return contacts[0] if contacts else None


def survey_email(*, survey: Survey, url: str, sender: str) -> tuple[str, str]:
    language = texts.lang(survey.language)
    text = texts.TEXTS[language]
    what = survey.milestone.name if survey.milestone_id else ""
    values = {
        "name": survey.contact.name,
        "project": survey.project.name,
        "what": what,
        "date": date_text(
            (survey.milestone.done_date if survey.milestone_id else None) or timezone.localdate(),
            language,
        ),
        "link": url,
        "expires": date_text(timezone.localtime(survey.expires_at).date(), language),
        "sender": sender,
    }
    subject = text[f"subject_{survey.trigger}"].format(**values)
    body = text[f"body_{survey.trigger}"].format(**values) + text["ask"].format(**values)
    return subject, body


def survey_send(
    *, project, trigger: str, actor=None, contact=None, milestone=None, case=None
) -> Survey | None:
    """Create the survey and e-mail its link; None when there is no one to ask or it was sent."""
    contact = contact or survey_contact(project)
    if contact is None or not contact.primary_email:
        return None
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                workspace=project.workspace,
                project=project,
                contact=contact,
                trigger=trigger,
                milestone=milestone,
                case=case,
                language=texts.lang(
                    recipient_locale(contact, client=project.client, workspace=project.workspace)
                ),
                token_hash=token_hash(token),
                expires_at=timezone.now() + datetime.timedelta(days=survey_link_days()),
            )
            from accord.communications.services import email_send

            url = public_base_url() + reverse("feedback:answer", args=[token])
            sender = (
                (actor.get_full_name() or actor.get_username())
                if getattr(actor, "is_authenticated", False)
                else project.workspace.name
            )
            with workspace_time_zone(project.workspace):
                subject, body = survey_email(survey=survey, url=url, sender=sender)
            survey.sent_interaction = email_send(
                workspace=project.workspace,
                actor=actor,
                to_contacts=[contact],
                subject=subject,
                body=body,
                project=project,
                secrets=[token],  # sent, but masked in the stored copy of the e-mail
                about=survey,
            )
            survey.save(update_fields=["sent_interaction", "updated_at"])
            event_record(
                workspace=project.workspace, actor=actor, verb="survey.sent", target=survey
            )
    except IntegrityError:
        return None  # this milestone or case already has its survey
    survey.token = token  # shown to the caller once (tests, the "copy link" button)
    return survey


def survey_after_milestone(*, milestone_id: int) -> Survey | None:
    from accord.projects.models import Milestone

    milestone = (
        Milestone.objects.select_related("project__client", "project__workspace")
        .filter(pk=milestone_id, done_date__isnull=False)
        .first()
    )
    if milestone is None:
        return None
    return survey_send(
        project=milestone.project, trigger=Survey.Trigger.MILESTONE, milestone=milestone
    )


def survey_after_case(*, case_id: int) -> Survey | None:
    from accord.situations.models import Case

    case = (
        Case.objects.select_related("project__client", "project__workspace")
        .filter(pk=case_id, status__in=("resolved", "closed"))
        .first()
    )
    if (
        case is None
        or case.opened_automatically
        and case.situation == LOW_SCORE_SITUATION
        and (SurveyResponse.objects.filter(opened_case=case).exists())
    ):
        # A case opened by a low score is followed up by the team itself, not by another survey.
        return None
    return survey_send(project=case.project, trigger=Survey.Trigger.CASE, case=case)


def survey_resolve(token: str) -> Survey:
    """The survey behind a token; refuses unknown, answered and expired links with a reason."""
    survey = (
        Survey.objects.select_related("project__client", "contact", "milestone", "workspace")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )
    if survey is None:
        raise DomainError(_("This link is not valid."), code="unknown")
    if survey.answered_at is not None:
        raise DomainError(_("Thank you, this survey was already answered."), code="used")
    if survey.expires_at <= timezone.now():
        raise DomainError(_("This link has expired."), code="expired")
    return survey


def _check_rating(name: str, value, *, required: bool) -> int | None:
    if value in (None, ""):
        if required:
            raise DomainError(_("Choose a rating from 1 to 5."), field=name)
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise DomainError(_("Choose a rating from 1 to 5."), field=name) from error
    if not 1 <= number <= 5:
        raise DomainError(_("Choose a rating from 1 to 5."), field=name)
    return number


@transaction.atomic
def survey_answer(
    *, token: str, score, comment: str = "", aspects: dict | None = None
) -> SurveyResponse:
    """Record the one answer; two submissions at once record only one. A low score opens a case."""
    found = survey_resolve(token)
    values = {"score": _check_rating("score", score, required=True)}
    for aspect in ASPECTS:
        values[aspect] = _check_rating(aspect, (aspects or {}).get(aspect), required=False)
    survey = Survey.objects.select_for_update().get(pk=found.pk)
    if survey.answered_at is not None:
        raise DomainError(_("Thank you, this survey was already answered."), code="used")
    now = timezone.now()
    survey.answered_at = now
    survey.save(update_fields=["answered_at", "updated_at"])
    response = SurveyResponse.objects.create(
        workspace=survey.workspace,
        survey=survey,
        comment=(comment or "").strip()[:5000],
        answered_at=now,
        **values,
    )
    event_record(workspace=survey.workspace, verb="survey.answered", target=response)
    if response.score <= LOW_SCORE:
        from accord.situations.services import case_open

        case, _created = case_open(
            project=found.project,
            situation=LOW_SCORE_SITUATION,
            actor=None,
            automatic=True,
            severity="high" if response.score == 1 else "medium",
        )
        response.opened_case = case
        response.save(update_fields=["opened_case"])
    return response
