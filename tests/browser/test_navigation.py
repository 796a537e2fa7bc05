import pytest

from .conftest import login

pytestmark = pytest.mark.browser


@pytest.fixture
def risk_workspace(transactional_db):
    """Constructed data: a project with a low case named first, one with a critical case last."""
    from django.contrib.auth import get_user_model

    from accord.clients.models import Client
    from accord.projects.models import Project
    from accord.situations.models import Case
    from accord.workspaces.models import Member, Workspace

    workspace = Workspace.objects.create(name="Risk", slug="risk")
    user = get_user_model().objects.create_user("lead", password="lead-pass-1")
    Member.objects.create(workspace=workspace, user=user, role="owner", language="en")
    client = Client.objects.create(workspace=workspace, name="Orbita", language="en")
    calm = Project.objects.create(workspace=workspace, client=client, name="Alpha portal")
    burning = Project.objects.create(workspace=workspace, client=client, name="Zeta migration")
    Case.objects.create(workspace=workspace, project=calm, situation="conflict", severity="low")
    Case.objects.create(
        workspace=workspace, project=burning, situation="conflict", severity="critical"
    )
    return {"calm": calm, "burning": burning}


def test_dashboard_lists_the_critical_project_before_the_low_one(page, live_server, risk_workspace):
    login(page, live_server, "lead", "lead-pass-1")

    rows = page.locator(".risk-table tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).get_attribute("data-project") == str(risk_workspace["burning"].pk)
    assert rows.nth(1).get_attribute("data-project") == str(risk_workspace["calm"].pk)
    assert "Zeta migration" in rows.nth(0).inner_text()
    assert "Critical" in rows.nth(0).inner_text()


def test_case_filter_is_in_the_url_and_survives_a_reload(page, live_server, risk_workspace):
    login(page, live_server, "lead", "lead-pass-1")
    page.goto(f"{live_server.url}/cases/")
    assert page.locator("#listing tbody tr[data-severity]").count() == 2

    page.locator("#listing nav.filters").get_by_role("link", name="Critical").click()
    # htmx swapped the list in place and pushed the filter into the address bar.
    page.wait_for_url(f"{live_server.url}/cases/?severity=critical")
    page.locator("#listing tbody tr[data-severity]").nth(1).wait_for(state="detached")

    page.reload()
    rows = page.locator("#listing tbody tr[data-severity]")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-severity") == "critical"
    active = page.locator("#listing a.filter.active")
    assert active.all_inner_texts() == ["Open", "Critical"]
    assert active.nth(1).get_attribute("aria-current") == "page"


def test_top_bar_search_finds_a_project_and_a_message(page, live_server, risk_workspace):
    from django.utils import timezone

    from accord.communications.models import Interaction

    burning = risk_workspace["burning"]
    message = Interaction.objects.create(
        workspace=burning.workspace,
        project=burning,
        client=burning.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Zeta cut-over weekend",
        body_text="Can we move the Zeta cut-over?",
    )
    login(page, live_server, "lead", "lead-pass-1")

    search = page.locator("header form[role=search] input[name=q]")
    search.fill("zeta")
    search.press("Enter")
    page.wait_for_url(f"{live_server.url}/search/?q=zeta")

    assert page.locator("#found-projects").get_by_role("link", name="Zeta migration").is_visible()
    page.locator("#found-messages").get_by_role("link", name="Zeta cut-over weekend").click()
    page.wait_for_url(f"{live_server.url}/communications/messages/{message.pk}/")
