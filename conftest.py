"""Fixtures shared by every app's tests."""

import os

import pytest

from accord.workspaces.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request through the test client activates
    its member's language in the test's own thread, and it would otherwise stay active for the
    tests that follow."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def workspace(member):
    return member.workspace


@pytest.fixture
def member_client(client, member):
    """Django's test client signed in as ``member``."""
    client.force_login(member.user)
    return client


@pytest.fixture
def project_page():
    """``project_page(client, project)``: the project page's HTML with its deferred panels
    (``hooks.Panel.deferred``) loaded into it, as the browser does after the page."""
    import re

    def read(client, project) -> str:
        response = client.get(f"/projects/{project.pk}/")
        assert response.status_code == 200

        def load(placeholder: re.Match) -> str:
            part = client.get(placeholder[1], headers={"HX-Request": "true"})
            assert part.status_code == 200, placeholder[1]
            return part.content.decode()

        return re.sub(
            r'<div class="deferred" hx-get="([^"]+)".*?</div>', load, response.content.decode()
        )

    return read


# Fixtures through which a test reaches the database (pytest-django blocks every other way).
_DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def _uses_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``ACCORD_TEST_DATABASE_ONLY=1`` (the PostgreSQL pass of ``make test``) keeps the tests that
    use the database. The others cannot reach it (pytest-django refuses a query from a test
    without database access), so their result does not depend on it; they run in the SQLite
    pass: model figures, parsers, formatting, and the server tests that start their own
    processes on SQLite."""
    if os.environ.get("ACCORD_TEST_DATABASE_ONLY") != "1":
        return
    kept, elsewhere = [], []
    for item in items:
        (kept if _uses_database(item) else elsewhere).append(item)
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = kept
