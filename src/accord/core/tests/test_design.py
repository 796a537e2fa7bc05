"""The shared look: favicon, error pages, the collapsible navigation and offline API docs."""

import re

import pytest
from django.conf import settings
from django.template import loader
from django.test import override_settings

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_favicon_is_served_at_the_root_without_login(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert _body(response)[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_every_page_links_the_favicon_the_stylesheet_and_the_menu_toggle(member_client):
    page = member_client.get("/").content.decode()

    assert "/static/core/favicon.svg" in page
    assert 'href="/favicon.ico"' in page
    assert "/static/core/accord.css" in page
    assert 'id="nav-toggle"' in page and 'for="nav-toggle"' in page


def test_no_page_needs_an_inline_handler(member_client):
    page = member_client.get("/").content.decode()

    assert not re.search(r"\son[a-z]+=", page)
    assert "/static/core/accord.js" in page
    assert "'unsafe-hashes'" not in member_client.get("/")["Content-Security-Policy"]


@override_settings(DEBUG=False)
def test_missing_page_is_the_styled_404(member_client):
    response = member_client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "/static/core/accord.css" in page
    assert 'class="mainnav"' in page


def test_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = loader.get_template("500.html").render()

    assert "Server error" in page
    assert "/static/core/accord.css" in page


def test_403_template_is_styled(rf, member):
    request = rf.get("/")
    request.user = member.user
    page = loader.get_template("403.html").render({"user": member.user}, request)

    assert "Access denied" in page


def test_api_docs_load_only_local_static_files_and_those_are_served(member_client):
    page = member_client.get("/api/v1/docs").content.decode()

    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls, page
    for url in urls:
        assert url.startswith(settings.STATIC_URL), url
        assert member_client.get(url).status_code == 200, url
    assert "//" not in "".join(urls)


def test_project_page_has_in_page_navigation_to_its_sections(member_client, workspace):
    from accord.projects.tests.factories import ProjectFactory

    project = ProjectFactory(client__workspace=workspace)
    page = member_client.get(f"/projects/{project.pk}/").content.decode()

    nav = re.search(r'<nav class="tabs"[^>]*>(.*?)</nav>', page).group(1)
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert {"problems", "milestones", "commitments", "agreements"} <= set(targets)
    for target in targets:
        assert f'id="{target}"' in page, target
