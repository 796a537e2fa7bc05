"""Fixtures shared by every app's tests."""

import pytest

from accord.workspaces.tests.factories import MemberFactory


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
