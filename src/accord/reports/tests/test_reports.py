import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.changes.models import ChangeRequest
from accord.clients.tests.factories import ContactFactory
from accord.health.services import health_recompute
from accord.health.tests.factories import add_open_case, healthy_project
from accord.projects.tests.factories import MilestoneFactory, ProjectFactory
from accord.reports import services
from accord.reports.models import ReportSchedule, StatusReport
from accord.situations.models import Case

pytestmark = pytest.mark.django_db

WORDS = {
    "en": {
        "title": "status report",
        "milestones": "Progress against milestones",
        "decisions": "Decisions made",
    },
    "ru": {
        "title": "отчёт о статусе",
        "milestones": "Прогресс по этапам",
        "decisions": "Принятые решения",
    },
    "pl": {
        "title": "raport o stanie",
        "milestones": "Postęp względem etapów",
        "decisions": "Podjęte decyzje",
    },
}
INTERNAL = "INTERNAL-NOTE-7731"


def _project(member, language):
    project = healthy_project(client__workspace=member.workspace, client__language=language)
    ContactFactory(
        client=project.client, language=language, role="decision_maker", name="Main Person"
    )
    today = timezone.localdate()
    MilestoneFactory(
        project=project,
        name="Discovery done",
        planned_date=today - datetime.timedelta(days=20),
        done_date=today - datetime.timedelta(days=21),
    )
    MilestoneFactory(
        project=project, name="Warehouse module", planned_date=today - datetime.timedelta(days=2)
    )
    MilestoneFactory(
        project=project,
        name="Go-live",
        planned_date=today + datetime.timedelta(days=40),
        forecast_date=today + datetime.timedelta(days=55),
    )
    AgreementFactory(
        project=project,
        title="Use FIFO for stock valuation",
        decided_on=today - datetime.timedelta(days=3),
    )
    AgreementFactory(
        project=project,
        title="Old decision outside the period",
        decided_on=today - datetime.timedelta(days=60),
    )
    CommitmentFactory(
        project=project,
        side="client",
        title="Send the price list",
        due_date=today - datetime.timedelta(days=4),
    )
    CommitmentFactory(
        project=project,
        side="ours",
        title="Configure the warehouse",
        due_date=today + datetime.timedelta(days=5),
    )
    ChangeRequest.objects.create(
        workspace=project.workspace,
        project=project,
        number=1,
        workspace_number=1,
        title="Extra label printer",
        description="x",
        status="sent",
    )
    add_open_case(project, dose=3)
    Case.objects.filter(project=project).update(notes=INTERNAL)
    health_recompute(project_ids=[project.pk])
    return project


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("language", ["ru", "pl", "en"])
def test_pdf_report_in_the_contacts_language_has_milestones_and_decisions_and_nothing_internal(
    member, language
):
    project = _project(member, language)

    report = services.status_report_send(project=project, actor=member.user)

    assert report.language == language
    text = _pdf_text(bytes(report.pdf))
    flat = " ".join(text.split())
    assert WORDS[language]["milestones"] in flat and WORDS[language]["decisions"] in flat
    for milestone in ("Discovery done", "Warehouse module", "Go-live"):
        assert milestone in flat
    assert "Use FIFO for stock valuation" in flat
    assert "Old decision outside the period" not in flat
    assert "Send the price list" in flat and "Configure the warehouse" in flat
    assert "Extra label printer" in flat
    # Nothing internal: no case notes, situations, severities, scores or health words.
    for internal in (
        INTERNAL,
        "quality_complaint",
        "escalation_threat",
        "critical",
        "severity",
        "Health",
        "health",
    ):
        assert internal not in text, internal
    assert str(project.health.score) + "/100" not in text
    assert WORDS[language]["title"] in report.subject.lower()


def test_sending_mails_the_pdf_and_keeps_the_report_exactly_as_sent(
    member_client, member, django_capture_on_commit_callbacks
):
    project = _project(member, "pl")

    with django_capture_on_commit_callbacks(execute=True):
        report = services.status_report_send(project=project, actor=member.user)

    message = mail.outbox[-1]
    assert message.subject == report.subject
    assert message.attachments[0][2] == "application/pdf"
    assert bytes(report.pdf).startswith(b"%PDF")
    # Later changes do not alter the stored report.
    project.milestones.update(name="Renamed later")
    page = member_client.get(f"/reports/{report.pk}/")
    assert page.status_code == 200 and "Warehouse module" in page.content.decode()
    assert "Renamed later" not in page.content.decode()
    pdf = member_client.get(f"/reports/{report.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == bytes(report.pdf)


def test_html_report_has_the_chart_and_risks_phrased_for_the_client(member):
    project = _project(member, "en")

    _language, _subject, html = services.status_report_render(
        project=project,
        period_start=timezone.localdate() - datetime.timedelta(days=6),
        period_end=timezone.localdate(),
    )

    assert "data:image/svg+xml;base64," in html
    assert "“Go-live” is expected on" in html
    assert "We are waiting for “Send the price list” from your side" in html
    assert "The change “Extra label printer” waits for your decision" in html
    assert INTERNAL not in html and "case" not in html.lower()


def test_reports_go_out_weekly_by_default_and_once_per_due_date(member):
    project = _project(member, "ru")
    schedule = services.schedule_for(project)
    assert schedule.cadence == "weekly"
    today = timezone.localdate()
    ReportSchedule.objects.filter(pk=schedule.pk).update(next_send_on=today)

    first = services.status_reports_send_due(today=today)
    again = services.status_reports_send_due(today=today)

    assert [report.project_id for report in first] == [project.pk] and again == []
    assert ReportSchedule.objects.get(pk=schedule.pk).next_send_on == today + datetime.timedelta(
        days=7
    )
    assert StatusReport.objects.get().scheduled is True


def test_schedule_can_be_changed_or_switched_off(member_client, member):
    project = _project(member, "en")

    member_client.post(f"/reports/project/{project.pk}/schedule/", {"cadence": "off"})
    assert ReportSchedule.objects.get(project=project).cadence == "off"
    assert (
        services.status_reports_send_due(today=timezone.localdate() + datetime.timedelta(days=30))
        == []
    )
    response = member_client.post(f"/reports/project/{project.pk}/schedule/", {"cadence": "hourly"})
    assert (
        response.status_code == 302 and ReportSchedule.objects.get(project=project).cadence == "off"
    )


def test_send_by_hand_and_preview_pages(member_client, member):
    project = _project(member, "en")

    preview = member_client.get(f"/reports/project/{project.pk}/preview/")
    assert preview.status_code == 200 and "Warehouse module" in preview.content.decode()
    assert not StatusReport.objects.exists()
    assert member_client.post(f"/reports/project/{project.pk}/send/").status_code == 302
    assert StatusReport.objects.filter(project=project).count() == 1


def test_no_contact_gives_a_clear_refusal_and_stores_nothing(member):
    project = ProjectFactory(client__workspace=member.workspace)

    with pytest.raises(Exception, match="no contact with an e-mail"):
        services.status_report_send(project=project)
    assert not StatusReport.objects.exists()


def test_reports_of_another_workspace_are_hidden(member_client, member):
    foreign = _project(type("M", (), {"workspace": ProjectFactory().workspace})(), "en")
    report = services.status_report_send(project=foreign)

    assert member_client.get(f"/reports/{report.pk}/").status_code == 404
    assert member_client.get(f"/reports/{report.pk}/pdf/").status_code == 404
    assert member_client.get(f"/reports/project/{foreign.pk}/preview/").status_code == 404
