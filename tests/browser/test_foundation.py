import pytest

from accord.agreements.models import Commitment

from .conftest import login

pytestmark = pytest.mark.browser


def test_demo_user_edits_a_commitment_inline(page, live_server, demo_workspace, artifacts_dir):
    login(page, live_server)
    # The risk table names the project and its client.
    page.locator(".risk-table").get_by_role("link", name="Nowy sklep internetowy").click()
    commitment = Commitment.objects.get(title="Przekazać zdjęcia i opisy 300 produktów")
    row = page.locator(f"#commitment-{commitment.pk}")
    row.get_by_role("link", name="Edit").click()
    # htmx swapped the row for a form in place: the page did not navigate.
    form_row = page.locator(f"#commitment-{commitment.pk}.editing")
    form_row.locator("input[name=title]").fill("Przekazać zdjęcia i opisy 320 produktów")
    form_row.get_by_role("button", name="Save").click()
    page.locator(f"#commitment-{commitment.pk}:not(.editing)").wait_for()

    assert (
        "Przekazać zdjęcia i opisy 320 produktów"
        in page.locator(f"#commitment-{commitment.pk}").inner_text()
    )
    assert "/projects/" in page.url
    page.screenshot(path=str(artifacts_dir / "commitment-inline-edit.png"), full_page=True)
    commitment.refresh_from_db()
    assert commitment.title == "Przekazać zdjęcia i opisy 320 produktów"


def test_invalid_inline_edit_shows_error_and_keeps_record(page, live_server, demo_workspace):
    login(page, live_server)
    commitment = Commitment.objects.get(title="Configure reminder templates")
    page.goto(f"{live_server.url}/projects/{commitment.project_id}/")

    page.locator(f"#commitment-{commitment.pk}").get_by_role("link", name="Edit").click()
    form_row = page.locator(f"#commitment-{commitment.pk}.editing")
    form_row.locator("input[name=title]").fill("")
    form_row.get_by_role("button", name="Save").click()

    form_row.locator(".errorlist").first.wait_for()
    commitment.refresh_from_db()
    assert commitment.title == "Configure reminder templates"
