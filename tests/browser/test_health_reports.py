"""Dashboard sorted by health with its charts, the project's health panel, a status report sent
by hand and reopened, and the client's survey on a phone-sized screen."""

import os
import time
from pathlib import Path

import pytest

from .conftest import login

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def shots(artifacts_dir) -> Path:
    """Screenshots go to docs/ only when ACCORD_UPDATE_DOCS=1, else to test-artifacts/."""
    if os.environ.get("ACCORD_UPDATE_DOCS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return artifacts_dir


def _images_loaded(page, selector: str) -> int:
    # Charts are drawn on request by matplotlib: give a busy machine time.
    # Polled from Python: wait_for_function evaluates a string, which the page's CSP forbids.
    deadline = time.monotonic() + 60
    while not page.evaluate(
        f"[...document.querySelectorAll('{selector}')].every(img => img.complete)"
    ):
        assert time.monotonic() < deadline, f"{selector} images still loading"
        page.wait_for_timeout(200)
    return page.evaluate(
        f"[...document.querySelectorAll('{selector}')].filter(img => img.naturalWidth > 0).length"
    )


def test_dashboard_sorted_by_health_with_charts(page, live_server, demo_workspace, shots):
    login(page, live_server)

    scores = [
        int(text)
        for text in page.locator(".health-table .health-score").all_inner_texts()
        if text.strip().isdigit()
    ]
    assert len(scores) >= 3 and scores == sorted(scores)
    assert _images_loaded(page, "#health figure.chart img") == 2
    assert _images_loaded(page, "#receivables figure.chart img") == 1
    page.screenshot(path=str(shots / "dashboard-health.png"), full_page=True)


def test_project_health_panel_and_status_report(page, live_server, demo_workspace, shots):
    from accord.projects.models import Project
    from accord.reports.models import StatusReport

    login(page, live_server)
    project = Project.objects.get(name="Внедрение 1С:ERP")

    page.goto(f"{live_server.url}/projects/{project.pk}/")
    assert page.locator("#health [data-side='ours']").is_visible()
    assert page.locator("#health [data-side='client']").is_visible()
    assert _images_loaded(page, "#health figure.chart img") == 4
    page.locator("#health").screenshot(path=str(shots / "project-health.png"))

    # Rendering the PDF takes a few seconds on a busy machine.
    page.get_by_role("button", name="Send the report now").click(timeout=90000)
    page.wait_for_url(f"{live_server.url}/projects/{project.pk}/#reports", timeout=90000)
    report = StatusReport.objects.get(project=project)
    # The reports panel is deferred now: once it has loaded, the page scrolls to it.
    page.locator(f"#reports a[href='/reports/{report.pk}/pdf/']").wait_for(timeout=30000)
    page.wait_for_timeout(300)
    top = page.evaluate("document.getElementById('reports').getBoundingClientRect().top")
    assert 0 <= top < page.evaluate("window.innerHeight"), top
    assert report.language == "ru"
    # With a report sent, the panel is deferred: the page loads it after itself (htmx).
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.locator(f"#reports a[href='/reports/{report.pk}/pdf/']").wait_for(timeout=30000)
    assert page.locator(".panel .deferred").count() == 0
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    assert page.locator("h1").inner_text().startswith(project.name)
    assert page.locator("tr.milestone").count() == project.milestones.count()
    assert page.locator(".chart img").evaluate("img => img.naturalWidth") > 0
    page.screenshot(path=str(shots / "status-report.png"), full_page=True)


def test_survey_on_a_phone(browser, live_server, demo_workspace, shots):
    from accord.clients.models import Contact
    from accord.feedback import services
    from accord.feedback.models import SurveyResponse
    from accord.projects.models import Project

    project = Project.objects.get(name="Nowy sklep internetowy")
    contact = Contact.objects.filter(client=project.client, language="pl").first()
    survey = services.survey_send(project=project, trigger="manual", contact=contact)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()

    phone.goto(f"{live_server.url}/feedback/answer/{survey.token}/")
    assert phone.locator("h1").inner_text() == "Państwa opinia"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.locator("fieldset[data-field=score] label", has_text="4").click()
    phone.locator("fieldset[data-field=timeliness] label", has_text="2").click()
    phone.fill("textarea", "Dobrze, ale za wolno.")
    phone.screenshot(path=str(shots / "survey-phone.png"), full_page=True)
    phone.get_by_role("button", name="Wyślij opinię").click()
    phone.locator("text=Dziękujemy!").wait_for()
    context.close()

    response = SurveyResponse.objects.get(survey=survey)
    assert (response.score, response.timeliness, response.comment) == (
        4,
        2,
        "Dobrze, ale za wolno.",
    )
