"""API errors are JSON and name the field."""

import pytest

pytestmark = pytest.mark.django_db


def test_validation_error_names_each_field(member_client):
    response = member_client.post(
        "/api/v1/clients/", {"name": "", "language": "xx"}, content_type="application/json"
    )

    assert response.status_code == 422
    body = response.json()
    assert {error["field"] for error in body["errors"]} == {"name", "language"}
    assert "name" in body["detail"] and "language" in body["detail"]


def test_unknown_object_is_json_404(member_client):
    response = member_client.get("/api/v1/clients/999999")

    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "99999999999999999999999999"])
def test_bad_ids_are_4xx_not_500(member_client, bad_id):
    response = member_client.get(f"/api/v1/clients/{bad_id}")

    assert 400 <= response.status_code < 500


def test_times_with_any_utc_offset_are_stored_in_utc(member_client, member):
    from accord.projects.tests.factories import ProjectFactory

    project = ProjectFactory(client__workspace=member.workspace)

    response = member_client.post(
        "/api/v1/meetings/",
        {"project_id": project.pk, "title": "Far west", "starts_at": "2027-03-06T06:44:02-23:51"},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["starts_at"].startswith("2027-03-07T06:35:02")
