"""Status report use cases: render for the client, send (by hand or on schedule), keep as sent."""

from __future__ import annotations

import base64
import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accord.core.errors import DomainError
from accord.core.events import event_record
from accord.core.formatting import recipient_locale, workspace_time_zone

from . import charts
from .content import report_content
from .models import ReportSchedule, StatusReport

CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 30}


def report_contact(project):
    """The main contact: the decision-maker with an e-mail address, else the first with one."""
    contacts = [
        contact
        for contact in project.client.contacts.filter(is_active=True).prefetch_related("emails")
        if contact.primary_email
    ]
    contacts.sort(key=lambda contact: (contact.role != "decision_maker", contact.pk))
    return contacts[0] if contacts else None


def schedule_for(project) -> ReportSchedule:
    schedule, _created = ReportSchedule.objects.get_or_create(
        project=project,
        defaults={
            "workspace": project.workspace,
            "next_send_on": timezone.localdate() + datetime.timedelta(days=7),
        },
    )
    return schedule


def default_period(
    project, *, end: datetime.date | None = None
) -> tuple[datetime.date, datetime.date]:
    """From the day after the last report (or the cadence back) to ``end`` (today)."""
    end = end or timezone.localdate()
    last = (
        StatusReport.objects.filter(project=project, sent_at__isnull=False)
        .order_by("-period_end")
        .first()
    )
    if last is not None and last.period_end < end:
        return last.period_end + datetime.timedelta(days=1), end
    schedule = getattr(project, "report_schedule", None)
    days = CADENCE_DAYS.get(getattr(schedule, "cadence", "weekly"), 7)
    return end - datetime.timedelta(days=days - 1), end


def _sender(project, actor) -> str:
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return project.workspace.name


def status_report_render(
    *, project, period_start: datetime.date, period_end: datetime.date, contact=None, actor=None
) -> tuple[str, str, str]:
    """(language, subject, HTML) of the report, in the main contact's language."""
    if period_end < period_start:
        raise DomainError(_("The period ends before it starts."), field="period_end")
    contact = contact or report_contact(project)
    language = recipient_locale(contact, client=project.client, workspace=project.workspace)
    with translation.override(language), workspace_time_zone(project.workspace):
        content = report_content(
            project=project,
            language=language,
            period_start=period_start,
            period_end=period_end,
            contact=contact,
        )
        svg = charts.milestones_chart(
            content.milestone_rows, language=language, today=timezone.localdate()
        )
        subject = _("%(project)s: status report, %(period)s") % {
            "project": project.name,
            "period": content.period_text,
        }
        html = render_to_string(
            "reports/status_report.html",
            {
                "content": content,
                "subject": subject,
                "sender": _sender(project, actor),
                "chart_uri": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
            },
        )
    return language, subject, html


def status_report_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _email_text(*, language: str, contact, project, period: str, sender: str) -> str:
    with translation.override(language):
        return _(
            "Hello %(name)s,\n\nthe status report of %(project)s for %(period)s is attached "
            "(PDF): milestones, decisions, change requests, risks, both sides' commitments and "
            "next steps.\n\nIf anything in it does not match what you see, just reply to this "
            "e-mail.\n\nBest regards,\n%(sender)s"
        ) % {"name": contact.name, "project": project.name, "period": period, "sender": sender}


@transaction.atomic
def status_report_send(
    *,
    project,
    actor=None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    scheduled: bool = False,
) -> StatusReport:
    """Render, keep and e-mail the report (PDF attached) to the main contact."""
    contact = report_contact(project)
    if contact is None:
        raise DomainError(_("The client has no contact with an e-mail address."), field="contact")
    if period_start is None or period_end is None:
        period_start, period_end = default_period(project, end=period_end)
    language, subject, html = status_report_render(
        project=project,
        period_start=period_start,
        period_end=period_end,
        contact=contact,
        actor=actor,
    )
    pdf = status_report_pdf(html)
    report = StatusReport.objects.create(
        workspace=project.workspace,
        project=project,
        period_start=period_start,
        period_end=period_end,
        language=language,
        subject=subject,
        html=html,
        pdf=pdf,
        recipients=[contact.primary_email],
        scheduled=scheduled,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    from accord.communications.services import email_send

    with translation.override(language):
        stem = _("status-report")
    filename = f"{stem}-{period_end.isoformat()}.pdf"
    report.interaction = email_send(
        workspace=project.workspace,
        actor=actor,
        to_contacts=[contact],
        subject=subject,
        body=_email_text(
            language=language,
            contact=contact,
            project=project,
            period=subject.split(", ", 1)[-1],
            sender=_sender(project, actor),
        ),
        project=project,
        attachments=[(filename, pdf, "application/pdf")],
        about=report,
    )
    report.sent_at = timezone.now()
    report.save(update_fields=["interaction", "sent_at", "updated_at"])
    event_record(workspace=project.workspace, actor=actor, verb="status_report.sent", target=report)
    return report


def report_schedule_update(*, project, cadence: str, actor) -> ReportSchedule:
    if cadence not in ReportSchedule.Cadence.values:
        raise DomainError(_("Unknown cadence."), field="cadence")
    schedule = schedule_for(project)
    schedule.cadence = cadence
    days = CADENCE_DAYS.get(cadence)
    schedule.next_send_on = timezone.localdate() + datetime.timedelta(days=days) if days else None
    schedule.save(update_fields=["cadence", "next_send_on", "updated_at"])
    event_record(
        workspace=project.workspace,
        actor=actor,
        verb="report_schedule.updated",
        target=schedule,
        after={"cadence": cadence},
    )
    return schedule


def status_reports_send_due(*, today: datetime.date | None = None) -> list[StatusReport]:
    """Every running project whose report is due (weekly unless changed); safe to repeat."""
    from accord.projects.models import Project

    today = today or timezone.localdate()
    sent = []
    running = Project.objects.filter(status__in=("active", "on_hold")).select_related(
        "client", "workspace", "report_schedule"
    )
    for project in running:
        schedule = getattr(project, "report_schedule", None)
        if schedule is None:
            schedule = schedule_for(project)
        if (
            schedule.cadence == "off"
            or schedule.next_send_on is None
            or schedule.next_send_on > today
        ):
            continue
        # Move the date first, in its own row lock: two workers never send the same report twice.
        with transaction.atomic():
            locked = ReportSchedule.objects.select_for_update().get(pk=schedule.pk)
            if locked.next_send_on is None or locked.next_send_on > today:
                continue
            locked.next_send_on = today + datetime.timedelta(days=CADENCE_DAYS[locked.cadence])
            locked.save(update_fields=["next_send_on", "updated_at"])
            try:
                sent.append(status_report_send(project=project, scheduled=True, period_end=today))
            except DomainError:
                continue  # no contact to send to: the next date stays moved, nothing is lost
    return sent
