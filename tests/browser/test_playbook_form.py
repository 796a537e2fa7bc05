"""A manager edits a playbook as a form; the next case of that situation follows it."""

import pytest
from playwright.sync_api import expect

from accord.projects.models import Project
from accord.situations.models import OPEN_STATUSES, Case, PlaybookOverride
from accord.situations.playbooks import parse_playbook

from .conftest import login

pytestmark = pytest.mark.browser

OVERFLOW = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
NEW_FIRST_STEP = "Read the request twice and list every unclear point."
ADDED_STEP = "Send the written summary and ask for a yes by Friday."


def test_edit_a_step_add_a_step_and_the_reply_then_a_new_case_follows_it(
    page, live_server, demo_workspace
):
    project = Project.objects.get(name="Clinic CRM rollout")
    assert not Case.objects.filter(
        project=project, situation="unclear_requirements", status__in=OPEN_STATUSES
    ).exists()
    login(page, live_server)
    page.goto(f"{live_server.url}/cases/playbooks/unclear_requirements/")

    english = page.locator("#lang-en")
    steps = english.locator("[data-rows='en-steps'] textarea")
    before = steps.count()
    steps.first.fill(NEW_FIRST_STEP)
    english.get_by_role("button", name="Add a step").click()
    expect(steps).to_have_count(before + 1)
    expect(steps.last).to_be_focused()
    page.keyboard.type(ADDED_STEP)
    expect(steps.last).to_have_attribute("aria-label", f"Step {before + 1}")
    english.get_by_label("Reply subject").fill("Open questions on {project}")
    page.get_by_role("button", name="Save for this workspace").click()
    expect(page.get_by_text("Playbook saved for this workspace.")).to_be_visible()

    stored = parse_playbook(PlaybookOverride.objects.get().source, name="override")
    assert stored.languages["en"].steps[0] == NEW_FIRST_STEP
    assert stored.languages["en"].steps[-1] == ADDED_STEP
    assert len(stored.languages["en"].steps) == before + 1
    assert stored.languages["en"].reply.subject == "Open questions on {project}"

    page.goto(f"{live_server.url}/cases/open/?project={project.pk}")
    page.get_by_label("Situation").select_option("unclear_requirements")
    page.get_by_role("button", name="Open").click()
    checklist = page.locator("#playbook")
    expect(checklist).to_contain_text(NEW_FIRST_STEP)
    expect(checklist).to_contain_text(ADDED_STEP)
    expect(checklist.locator(".steps-done")).to_have_text(f"0 of {before + 1} steps done")
    page.get_by_role("button", name="Draft a reply").click()
    subject = page.locator("#drafts input[name$='subject']").first
    expect(subject).to_have_value(f"Re: Open questions on {project.name}")


def test_the_playbook_form_fits_a_phone_and_keeps_input_on_an_error(
    browser, live_server, demo_workspace, artifacts_dir
):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    phone = context.new_page()
    phone.set_default_timeout(15000)
    try:
        login(phone, live_server)
        phone.goto(f"{live_server.url}/cases/playbooks/quality_complaint/")
        scroll_width, inner_width = phone.evaluate(OVERFLOW)
        assert scroll_width <= inner_width, (scroll_width, inner_width)

        polish = phone.locator("#lang-pl")
        polish.get_by_role("button", name="Add a step").click()
        phone.keyboard.type("Krok dopisany na telefonie")
        polish.get_by_label("Reply text").fill("Za krótko.")
        phone.get_by_role("button", name="Save for this workspace").click()

        expect(phone.locator(".error-summary")).to_contain_text("1 field needs attention.")
        expect(polish.locator("label[for='id_pl-reply_body'] .errorlist")).to_have_text(
            "Write at least 20 characters."
        )
        expect(polish.locator("[data-rows='pl-steps'] textarea").last).to_have_value(
            "Krok dopisany na telefonie"
        )
        scroll_width, inner_width = phone.evaluate(OVERFLOW)
        assert scroll_width <= inner_width, (scroll_width, inner_width)
        assert not PlaybookOverride.objects.exists()
        phone.locator("[data-rows='pl-steps']").scroll_into_view_if_needed()
        phone.screenshot(path=str(artifacts_dir / "playbook-form-phone.png"))
    finally:
        context.close()
