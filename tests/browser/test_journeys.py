import pytest
from playwright.sync_api import expect

from accord.situations.models import Case, CaseStep

from .conftest import login

pytestmark = pytest.mark.browser


def test_troubled_project_case_playbook_and_draft(page, live_server, demo_workspace, artifacts_dir):
    login(page, live_server)
    case = Case.objects.get(situation="deadline_risk", project__name="Внедрение 1С:ERP")

    page.goto(f"{live_server.url}/cases/")
    page.locator(f"a[href='/cases/{case.pk}/']").first.click()
    step = case.steps.order_by("position").first()
    total = case.steps.count()
    page.locator(f"#step-{step.pk} input[type=checkbox]").check()
    page.locator(f"#step-{step.pk}.done").wait_for()
    assert page.locator("#playbook .steps-done").inner_text() == f"1 of {total} steps done"

    assert CaseStep.objects.get(pk=step.pk).done_at is not None
    draft = page.locator("#drafts textarea").first.input_value()
    assert "Елена Кравец" in draft or "Игорь" in draft
    assert page.locator("#drafts .badge.ok").first.is_visible()
    page.screenshot(path=str(artifacts_dir / "case-playbook.png"), full_page=True)


def test_meeting_agenda_item_removed_inline(page, live_server, demo_workspace):
    from accord.meetings.models import Meeting

    login(page, live_server)
    meeting = Meeting.objects.get(status="planned")
    first = meeting.agenda_items.order_by("position").first()
    count = meeting.agenda_items.count()

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.locator(".agenda-item").filter(has_text=first.text[:30]).get_by_role(
        "button", name="remove"
    ).click()
    # A locator wait, not wait_for_function: the page's CSP forbids evaluating strings.
    expect(page.locator(".agenda-item")).to_have_count(count - 1)

    assert meeting.agenda_items.count() == count - 1
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
