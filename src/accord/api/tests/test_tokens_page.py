"""The API tokens page: created (shown once), listed with last use, revoked."""

import pytest
from django.test import Client

from accord.api.models import ApiToken
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_token_is_shown_once_stored_hashed_and_usable(member_client, member):
    client = Client()  # no session: only the token
    created = member_client.post("/settings/api-tokens/", {"name": "CRM sync"})

    assert created.status_code == 200
    token = created.context["new_token"]
    assert token.startswith("acc_") and token in created.content.decode()
    assert created["Cache-Control"] == "no-store"
    record = ApiToken.objects.get(member=member)
    assert token not in (record.token_hash, record.prefix)
    again = member_client.get("/settings/api-tokens/").content.decode()
    assert token not in again and "CRM sync" in again and "never" in again

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    record.refresh_from_db()
    assert record.last_used_at is not None


def test_revoked_token_stops_working(member_client, member):
    client = Client()  # no session: only the token
    token = member_client.post("/settings/api-tokens/", {"name": "x"}).context["new_token"]
    record = ApiToken.objects.get(member=member)

    member_client.post(f"/settings/api-tokens/{record.pk}/revoke/")

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_a_member_cannot_revoke_someone_elses_token(client, member):
    owner_token = ApiToken.objects.create(
        workspace=member.workspace, member=member, name="owner's", prefix="p", token_hash="h"
    )
    plain = MemberFactory(workspace=member.workspace, role="member")
    client.force_login(plain.user)

    response = client.post(f"/settings/api-tokens/{owner_token.pk}/revoke/")

    assert response.status_code == 404
    owner_token.refresh_from_db()
    assert owner_token.revoked_at is None


def test_empty_token_name_is_refused(member_client):
    assert member_client.post("/settings/api-tokens/", {"name": ""}).status_code == 400
    assert not ApiToken.objects.exists()
