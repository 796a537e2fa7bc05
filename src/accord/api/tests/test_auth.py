"""How API calls authenticate: tokens before sessions, a real CSRF check for sessions."""

import pytest
from django.test import Client

from accord.api.services import api_token_create, api_token_revoke
from accord.clients.models import Client as ClientRecord
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_bearer_token_write_passes_without_any_csrf_token(csrf_client, member):
    _record, token = api_token_create(member=member, name="integration")

    response = csrf_client.post(
        "/api/v1/clients/",
        {"name": "Via token"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 201, response.content
    assert ClientRecord.objects.filter(workspace=member.workspace, name="Via token").exists()


def test_bearer_token_wins_even_when_a_session_cookie_is_sent(csrf_client, member):
    _record, token = api_token_create(member=member, name="integration")
    csrf_client.force_login(member.user)

    response = csrf_client.post(
        "/api/v1/clients/",
        {"name": "Token and session"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 201, response.content


def test_session_write_with_a_self_made_csrf_cookie_and_header_is_refused(csrf_client, member):
    csrf_client.force_login(member.user)
    made_up = "a" * 32
    csrf_client.cookies["csrftoken"] = made_up

    response = csrf_client.post(
        "/api/v1/clients/",
        {"name": "Forged"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=made_up,
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not ClientRecord.objects.filter(name="Forged").exists()


def test_session_write_with_the_sessions_csrf_token_passes(csrf_client, member):
    csrf_client.force_login(member.user)
    page = csrf_client.get("/clients/new/")
    token = page.context["csrf_token"]

    response = csrf_client.post(
        "/api/v1/clients/",
        {"name": "Real session"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=str(token),
    )

    assert response.status_code == 201, response.content


def test_no_credentials_is_401_json(client):
    response = client.get("/api/v1/clients/")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_revoked_token_fails(client, member):
    record, token = api_token_create(member=member, name="old")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200

    api_token_revoke(token=record, actor=member.user)

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_deactivated_users_token_fails(client, member):
    _record, token = api_token_create(member=member, name="old")
    member.user.is_active = False
    member.user.save()

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_token_of_a_member_who_left_fails(client):
    leaving = MemberFactory()
    _record, token = api_token_create(member=leaving, name="old")
    leaving.delete()

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_token_is_stored_hashed_and_last_use_recorded(client, member):
    record, token = api_token_create(member=member, name="ci")
    assert token not in (record.token_hash, record.prefix)
    assert record.last_used_at is None

    client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")

    record.refresh_from_db()
    assert record.last_used_at is not None


def test_me_names_the_tokens_member(client, member):
    _record, token = api_token_create(member=member, name="ci")

    data = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()

    assert data["member_id"] == member.pk and data["workspace_id"] == member.workspace_id


def test_old_unversioned_api_redirects_keeping_the_method(member_client):
    response = member_client.post("/api/clients/?x=1", {}, content_type="application/json")

    assert response.status_code == 308
    assert response["Location"] == "/api/v1/clients/?x=1"


def test_openapi_schema_is_served_and_lists_every_app(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["info"]["title"] == "Accord API"
    paths = schema["paths"]
    for prefix in ("/api/v1/clients/", "/api/v1/projects/", "/api/v1/me"):
        assert any(path.startswith(prefix) for path in paths), prefix
    any_operation = next(iter(next(iter(paths.values())).values()))
    assert {"401", "404", "422"} <= set(any_operation["responses"])


def test_docs_are_served_offline_from_ninjas_static_files(member_client):
    page = member_client.get("/api/v1/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
