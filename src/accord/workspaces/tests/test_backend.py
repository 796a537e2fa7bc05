"""A signed-in request loads its user and the user's memberships in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.workspaces.backends import MemberBackend
from accord.workspaces.middleware import SESSION_KEY
from accord.workspaces.selectors import member_for_request

from .factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_every_membership_in_one_query():
    first = MemberFactory()
    second = MemberFactory(user=first.user)

    with CaptureQueriesContext(connection) as queries:
        user = MemberBackend().get_user(first.user.pk)
        chosen = member_for_request(user=user, workspace_id=second.workspace_id)
        default = member_for_request(user=user, workspace_id=None)
        names = (chosen.workspace.name, default.workspace.name, chosen.user.username)

    assert len(queries) == 1
    assert user == first.user
    assert (chosen, default) == (second, first)
    assert names == (second.workspace.name, first.workspace.name, first.user.username)


def test_a_user_without_a_workspace_and_an_inactive_one():
    loner = UserFactory()
    gone = MemberFactory(user__is_active=False)

    assert MemberBackend().get_user(loner.pk) == loner
    assert MemberBackend().get_user(gone.user.pk) is None
    assert MemberBackend().get_user(999_999) is None


def test_the_workspace_chosen_in_the_session_is_the_pages_workspace(client):
    first = MemberFactory()
    second = MemberFactory(user=first.user)
    client.force_login(first.user)
    session = client.session
    session[SESSION_KEY] = second.workspace_id
    session.save()

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["workspace"] == second.workspace
    assert response.context["member"] == second
