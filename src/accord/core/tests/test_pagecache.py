"""The page cache: a page is served from the cache only while no write has been committed since it
was rendered, per member, and with the request's own CSRF token and CSP nonce.

These tests commit for real (``transactional_db``): the version changes after a commit, which a
test wrapped in one transaction would never reach.
"""

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.core import pagecache
from accord.projects.models import Project
from accord.projects.tests.factories import ProjectFactory
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _page_cache_on(settings, pages: dict) -> None:
    """Turn the page cache on with ``pages`` as the cache it keeps pages in."""
    settings.ACCORD_PAGE_CACHE = True
    settings.CACHES = {**settings.CACHES, "pages": pages}


@pytest.fixture
def page_cache(settings):
    _page_cache_on(
        settings,
        {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "accord-test-pages",
        },
    )
    from django.core.cache import caches

    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def _signed_in(member, **options) -> Client:
    client = Client(**options)
    client.force_login(member.user)
    return client


def _without_tokens(html: str) -> str:
    html = TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": ""', html)


def test_a_page_is_kept_until_any_write_is_committed(page_cache):
    member = MemberFactory()
    project = ProjectFactory(client__workspace=member.workspace, name="Warehouse ERP")
    client = _signed_in(member)

    first = client.get("/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")

    assert first[pagecache.HEADER] == "miss"
    assert second[pagecache.HEADER] == "hit"
    assert "Warehouse ERP" in second.content.decode()
    assert _without_tokens(second.content.decode()) == _without_tokens(first.content.decode())
    # The session and the member; none of the page's own queries.
    assert len(queries) <= 2

    # A model's save, a queryset's update and raw SQL each make the next request render afresh.
    project.name = "Warehouse ERP II"
    project.save()
    page = client.get("/")
    assert page[pagecache.HEADER] == "miss"
    assert "Warehouse ERP II" in page.content.decode()

    Project.objects.filter(pk=project.pk).update(name="Payroll rollout")
    page = client.get("/")
    assert page[pagecache.HEADER] == "miss"
    assert "Payroll rollout" in page.content.decode()

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Project._meta.db_table} SET name = %s WHERE id = %s",
            ["CRM audit", project.pk],
        )
    page = client.get("/")
    assert page[pagecache.HEADER] == "miss"
    assert "CRM audit" in page.content.decode()
    assert client.get("/")[pagecache.HEADER] == "hit"


def test_the_version_changes_when_a_transaction_commits_and_not_when_it_rolls_back(page_cache):
    member = MemberFactory()
    project = ProjectFactory(client__workspace=member.workspace)
    before = pagecache.data_version()

    with pytest.raises(RuntimeError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(name="never committed")
        raise RuntimeError
    assert pagecache.data_version() == before

    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(name="first")
        Project.objects.filter(pk=project.pk).update(name="second")
        # Not before the commit: a page rendered now under the old version is never served
        # after it.
        assert pagecache.data_version() == before
    assert pagecache.data_version() != before

    # A savepoint rolled back inside the transaction does not lose the later write's change.
    middle = pagecache.data_version()
    with transaction.atomic():
        try:
            with transaction.atomic():
                Project.objects.filter(pk=project.pk).update(name="inner")
                raise RuntimeError
        except RuntimeError:
            pass
        Project.objects.filter(pk=project.pk).update(name="outer")
    assert pagecache.data_version() != middle


def test_statements_that_change_no_row_and_the_heartbeat_leave_the_version(page_cache):
    from accord.core.heartbeat import heartbeat_record

    before = pagecache.data_version()
    Project.objects.filter(pk=-1).update(name="nobody")
    Project.objects.filter(pk=-1).delete()
    heartbeat_record("work_sweep")  # every minute in the consumer; only /health/ reads it
    heartbeat_record("work_sweep")
    assert pagecache.data_version() == before
    ProjectFactory()
    assert pagecache.data_version() != before


def test_session_and_database_cache_writes_leave_the_version(page_cache):
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import caches

    before = pagecache.data_version()
    session = SessionStore()
    session["seen"] = 1
    session.create()
    session["seen"] = 2
    session.save()
    caches["default"].set("rate-limit-counter", 3)  # the database cache of the test settings
    assert pagecache.data_version() == before


@pytest.mark.parametrize(
    ("sql", "write"),
    [
        ('INSERT INTO "projects_project" ("name") VALUES (%s)', True),
        ('UPDATE "situations_case" SET "status" = %s', True),
        ("DELETE FROM communications_interaction WHERE id = %s", True),
        ('  update "billing_invoice" set "status" = %s', True),
        ('TRUNCATE "projects_project", "clients_client" RESTART IDENTITY', True),
        ('SELECT * FROM "projects_project"', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "accord_cache" (cache_key) VALUES (%s)', False),
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', False),
        ('UPDATE "api_apitoken" SET "last_used_at" = %s', False),
        ('UPDATE "core_heartbeat" SET "at" = %s', False),
    ],
)
def test_which_statements_are_writes(sql, write):
    assert pagecache.is_write(sql) is write


def test_a_kept_page_carries_the_csrf_token_of_the_session_that_reads_it(page_cache):
    member = MemberFactory()
    project = ProjectFactory(client__workspace=member.workspace)
    # Both sign in first: a sign-in stamps the user's last login, a write like any other.
    first = _signed_in(member)
    other = _signed_in(member, enforce_csrf_checks=True)
    # The first visit creates the project's contract: a page rendered while it wrote is not kept.
    assert first.get(f"/projects/{project.pk}/")[pagecache.HEADER] == "miss"
    assert first.get(f"/projects/{project.pk}/")[pagecache.HEADER] == "miss"
    page = other.get(f"/projects/{project.pk}/")
    html = page.content.decode()
    assert page[pagecache.HEADER] == "hit"
    assert pagecache.CSRF_PLACEHOLDER not in html
    assert pagecache.NONCE_PLACEHOLDER not in html

    token = TOKEN.search(html)[1]
    response = other.post(
        reverse("agreements:commitment_create", args=[project.pk]),
        {
            "csrfmiddlewaretoken": token,
            "side": "ours",
            "title": "Send the test plan",
            "owner_member": member.pk,
            "due_date": "2030-01-15",
        },
    )
    assert response.status_code == 302
    assert project.commitments.filter(title="Send the test plan").exists()
    # The redirect's page shows "Commitment added." (rendered afresh), then the page is kept
    # again with the new commitment.
    page = other.get(f"/projects/{project.pk}/")
    assert pagecache.HEADER not in page
    assert "Commitment added." in page.content.decode()
    page = other.get(f"/projects/{project.pk}/")
    assert page[pagecache.HEADER] == "miss"
    assert "Send the test plan" in page.content.decode()
    assert "Commitment added." not in page.content.decode()


def test_members_never_share_kept_pages(page_cache):
    owner = MemberFactory()
    project = ProjectFactory(client__workspace=owner.workspace, name="Secret rollout")
    owner_client = _signed_in(owner)
    stranger = _signed_in(MemberFactory())
    owner_client.get("/")
    owner_client.get(f"/projects/{project.pk}/")

    page = stranger.get("/")
    assert page[pagecache.HEADER] == "miss"
    assert "Secret rollout" not in page.content.decode()
    assert stranger.get(f"/projects/{project.pk}/").status_code == 404


def test_a_page_with_messages_is_neither_served_nor_kept(page_cache):
    member = MemberFactory()
    client = _signed_in(member)
    client.get("/")
    assert client.get("/")[pagecache.HEADER] == "hit"

    response = client.post("/workspace/switch/", {"workspace": 999999}, follow=True)
    assert "You are not a member of that workspace." in response.content.decode()
    again = client.get("/")
    assert again[pagecache.HEADER] == "hit"
    assert "You are not a member of that workspace." not in again.content.decode()


def test_the_cache_is_off_unless_configured(settings):
    settings.ACCORD_PAGE_CACHE = False
    member = MemberFactory()
    client = _signed_in(member)
    client.get("/")
    assert pagecache.HEADER not in client.get("/")


def test_an_unreachable_cache_renders_pages_afresh_and_fails_no_write(settings):
    # Nothing listens on port 9 of loopback.
    _page_cache_on(
        settings,
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        },
    )
    member = MemberFactory()
    project = ProjectFactory(client__workspace=member.workspace, name="Warehouse ERP")
    client = _signed_in(member)

    page = client.get("/")
    assert page.status_code == 200
    assert pagecache.HEADER not in page
    assert "Warehouse ERP" in page.content.decode()
    Project.objects.filter(pk=project.pk).update(name="Renamed")
    assert "Renamed" in client.get("/").content.decode()


def test_a_connection_opened_inside_an_execute_wrapper_block_keeps_watching_writes(page_cache):
    """The query counter of the load benchmark wraps each request: the first request of a
    worker opens the connection inside that block."""
    project = ProjectFactory()

    def passing(execute, sql, params, many, context):
        return execute(sql, params, many, context)

    connection.execute_wrappers.remove(pagecache.note_write)
    with connection.execute_wrapper(passing):
        pagecache.install(connection)  # as ``connection_created`` does for a new connection
    assert pagecache.note_write in connection.execute_wrappers
    before = pagecache.data_version()
    Project.objects.filter(pk=project.pk).update(name="Renamed")
    assert pagecache.data_version() != before


def _api(client: Client, path: str, token: str):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_api_lists_are_kept_as_the_same_bytes_and_dropped_after_a_write(page_cache, settings):
    from accord.api.services import api_token_create, api_token_revoke
    from accord.situations.services import case_open

    member = MemberFactory()
    project = ProjectFactory(client__workspace=member.workspace, name="Warehouse ERP")
    case_open(project=project, situation="deadline_risk", actor=member.user)
    record, token = api_token_create(member=member, name="integration")
    client = Client()
    paths = [
        "/api/v1/cases/",
        "/api/v1/projects/?ordering=-name&limit=5",
        "/api/v1/clients/",
        "/api/v1/commitments/",
    ]
    fresh = {}
    settings.ACCORD_PAGE_CACHE = False
    for path in paths:
        fresh[path] = _api(client, path, token)
        assert fresh[path].status_code == 200, path
    settings.ACCORD_PAGE_CACHE = True
    for path in paths:
        first, second = _api(client, path, token), _api(client, path, token)
        assert (first[pagecache.HEADER], second[pagecache.HEADER]) == ("miss", "hit"), path
        assert first.content == second.content == fresh[path].content, path
        assert second["Content-Type"] == fresh[path]["Content-Type"]
    assert _api(client, "/api/v1/cases/", token).json()["items"][0]["steps"]

    # Another member's token reads its own workspace's list.
    _other, other_token = api_token_create(member=MemberFactory(), name="other")
    assert _api(client, "/api/v1/projects/", other_token).json()["count"] == 0

    Project.objects.filter(pk=project.pk).update(name="Renamed")
    page = _api(client, "/api/v1/projects/", token)
    assert page[pagecache.HEADER] == "miss"
    assert page.json()["items"][0]["name"] == "Renamed"

    # The token is checked before the kept answer: a revoked token gets 401.
    api_token_revoke(token=record, actor=member.user)
    assert _api(client, "/api/v1/projects/", token).status_code == 401
    # Invalid input is answered as before, and not kept.
    assert _api(client, "/api/v1/projects/?limit=0", other_token).status_code == 422
