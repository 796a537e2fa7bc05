"""Lists come in pages: numbered pages for clients, projects and cases, keyset pages for the
workspace's whole communication log."""

import re

import pytest

from accord.clients.models import Client
from accord.communications.models import Interaction
from accord.communications.selectors import interaction_list, keyset_page
from accord.core.scale import scale_generate
from accord.workspaces.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    workspace, _written = scale_generate(
        1,
        counts={
            "clients": 60,
            "projects": 60,
            "interactions": 130,
            "agreements": 1,
            "commitments": 1,
            "cases": 60,
            "meetings": 1,
        },
        slug="paged",
        username="paged",
    )
    member = Member.objects.select_related("user").get(workspace=workspace, role="owner")
    client.force_login(member.user)
    return member


def _links(page: str, text: str) -> list[str]:
    return [
        href.replace("&amp;", "&") for href in re.findall(rf'href="([^"]*)" rel="{text}"', page)
    ]


@pytest.mark.parametrize("url", ["/clients/", "/projects/", "/cases/?status=all", "/"])
def test_lists_have_numbered_pages_that_keep_the_filters(client, owner, url):
    first = client.get(url).content.decode()
    [following] = _links(first, "next")
    second = client.get(following if following.startswith("?") else url + following)

    assert "page=2" in following
    if "status=all" in url:
        assert "status=all" in following
    assert second.status_code == 200
    assert "1 / " in first and "2 / " in second.content.decode()


def test_the_last_client_is_on_the_second_page(client, owner):
    last = Client.objects.filter(workspace=owner.workspace).order_by("-name", "-id").first()

    assert last.name not in client.get("/clients/").content.decode()
    assert last.name in client.get("/clients/?page=2").content.decode()


def test_keyset_pages_walk_the_whole_log_once_in_order(owner):
    queryset = interaction_list(workspace=owner.workspace)
    seen: list[int] = []
    page = keyset_page(queryset, size=50)
    while True:
        seen.extend(item.pk for item in page)
        if not page.next_cursor:
            break
        page = keyset_page(queryset, cursor=page.next_cursor, size=50)

    expected = list(
        Interaction.objects.filter(workspace=owner.workspace)
        .order_by("-occurred_at", "-id")
        .values_list("pk", flat=True)
    )
    assert seen == expected and len(seen) == 130


def test_inbox_follows_the_cursor_and_ignores_a_broken_one(client, owner):
    first = client.get("/communications/").content.decode()
    [following] = _links(first, "next")
    second = client.get("/communications/" + following).content.decode()
    broken = client.get("/communications/?before=not-a-cursor")

    assert "before=" in following
    newest = Interaction.objects.filter(workspace=owner.workspace).order_by("-occurred_at").first()
    assert f"/communications/messages/{newest.pk}/" in first
    assert f"/communications/messages/{newest.pk}/" not in second
    assert broken.status_code == 200
    assert f"/communications/messages/{newest.pk}/" in broken.content.decode()
