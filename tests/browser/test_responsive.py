"""At a phone's 390 px the main pages fit the screen and the navigation folds behind "Menu"."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import login

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# `make screenshots` points this at docs/screenshots (the README's pictures); a test run leaves
# the checkout as it was and keeps its screenshots in test-artifacts/.
SCREENSHOTS = Path(
    os.environ.get("ACCORD_SCREENSHOTS_DIR") or ROOT / "test-artifacts" / "screenshots"
)
# Playwright sends a function (not a string for eval) that the page runs in its own context.
OVERFLOW = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"


def _pages(live_server) -> dict[str, str]:
    from accord.communications.models import Interaction
    from accord.projects.models import Project
    from accord.situations.models import Case

    project = Project.objects.order_by("pk").first()
    case = Case.objects.order_by("pk").first()
    message = Interaction.objects.order_by("pk").first()
    return {
        "dashboard": f"{live_server.url}/",
        "project": f"{live_server.url}/projects/{project.pk}/",
        "case": f"{live_server.url}/cases/{case.pk}/",
        "message": f"{live_server.url}/communications/messages/{message.pk}/",
    }


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="en-US", device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_main_pages_have_no_sideways_scroll_at_390_px(phone, live_server, demo_workspace):
    login(phone, live_server)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for name, url in _pages(live_server).items():
        response = phone.goto(url)
        assert response.status == 200, name
        scroll_width, inner_width = phone.evaluate(OVERFLOW)
        assert scroll_width <= inner_width, (name, scroll_width, inner_width)
        if name != "message":
            phone.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"))


def test_navigation_collapses_behind_the_menu_toggle_at_390_px(phone, live_server, demo_workspace):
    login(phone, live_server)

    nav = phone.locator("nav.mainnav")
    toggle = phone.locator("label.nav-toggle-label")
    expect(toggle).to_be_visible()
    expect(nav).to_be_hidden()

    toggle.click()
    expect(nav).to_be_visible()
    nav.get_by_role("link", name="Projects").click()
    phone.wait_for_url(f"{live_server.url}/projects/")
    expect(phone.locator("nav.mainnav")).to_be_hidden()


def test_desktop_shows_the_navigation_and_saves_screenshots(page, live_server, demo_workspace):
    login(page, live_server)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    assert page.locator("nav.mainnav").is_visible()
    assert not page.locator("label.nav-toggle-label").is_visible()
    for name, url in _pages(live_server).items():
        if name == "message":
            continue
        page.goto(url)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"))
