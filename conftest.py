"""Fixtures shared by every app's tests."""

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
