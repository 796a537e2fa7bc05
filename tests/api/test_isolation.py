"""A token of workspace A reaches nothing of workspace B, through every API operation."""

import re

import pytest
from django.test import Client

from accord.api.main import api

from .conftest import seed_workspace

pytestmark = pytest.mark.django_db

PATH_OBJECTS = {
    "client_id": "client",
    "contact_id": "contact",
    "project_id": "project",
    "milestone_id": "milestone",
    "agreement_id": "agreement",
    "commitment_id": "commitment",
    "interaction_id": "interaction",
    "case_id": "case",
    "meeting_id": "meeting",
    "change_id": "change_request",
    "token_id": "token_record",
}
# A body that would be valid in B's workspace, naming B's records.
BODIES = {
    "client_contact_create": {"name": "Intruder"},
    "contact_create": {"name": "Intruder", "client_id": "client"},
    "project_create": {"name": "Intruder", "client_id": "client"},
    "milestone_create": {"name": "M", "planned_date": "2026-06-01", "project_id": "project"},
    "agreement_create": {
        "title": "T",
        "source": "email",
        "decided_on": "2026-06-01",
        "project_id": "project",
    },
    "commitment_create": {
        "title": "T",
        "side": "client",
        "due_date": "2026-06-01",
        "project_id": "project",
    },
    "case_create": {"situation": "conflict", "project_id": "project"},
    "meeting_create": {"title": "T", "starts_at": "2026-06-01T10:00:00Z", "project_id": "project"},
    "change_request_create": {"title": "T", "description": "D", "project_id": "project"},
}
PATCHES = {
    "client_update": {"name": "Hacked"},
    "contact_update": {"name": "Hacked"},
    "project_update": {"name": "Hacked"},
    "project_contract_update": {"notes": "Hacked"},
    "milestone_update": {"name": "Hacked"},
    "agreement_revise": {"title": "Hacked"},
    "agreement_status": {"status": "disputed"},
    "agreement_reverse": {"note": "Hacked"},
    "commitment_update": {"title": "Hacked"},
    "case_update": {"notes": "Hacked"},
    "change_request_assess": {"effort_hours": "1"},
    "change_request_decide": {"approve": True, "evidence": "Hacked"},
}


def _operations():
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation["operationId"]


def _b_state(records) -> dict:
    from accord.core.models import Event

    workspace = records["member"].workspace
    return {
        name: (type(record).objects.filter(pk=record.pk).values().first())
        for name, record in records.items()
        if hasattr(record, "pk") and name not in {"member"}
    } | {"events": Event.objects.filter(workspace=workspace).count()}


def test_a_token_of_one_workspace_gets_404_for_every_object_of_another():
    mine = seed_workspace()
    theirs = seed_workspace()
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {mine['token']}"}
    before = _b_state(theirs)
    checked = 0

    for path, method, operation_id in _operations():
        names = re.findall(r"{(\w+)}", path)
        url = path
        for name in names:
            if name == "step_id":
                step = theirs["case"].steps.first()
                url = url.replace("{step_id}", str(step.pk if step else 1))
                continue
            if name not in PATH_OBJECTS:
                # Records this test does not seed (webhook endpoints, invoices): an id that
                # exists in neither workspace's reach must still be a 404.
                url = url.replace("{" + name + "}", "999999")
                continue
            url = url.replace("{" + name + "}", str(theirs[PATH_OBJECTS[name]].pk))
        body = dict(BODIES.get(operation_id) or PATCHES.get(operation_id) or {})
        for key, value in list(body.items()):
            if key.endswith("_id") and isinstance(value, str):
                body[key] = theirs[value].pk
        if not names and not any(key.endswith("_id") for key in body):
            continue  # lists and creations without a reference: covered below
        response = (
            getattr(client, method)(url, body, content_type="application/json", **auth)
            if method != "get"
            else client.get(url, **auth)
        )
        checked += 1
        seeded = all(name in PATH_OBJECTS or name == "step_id" for name in names)
        expected = {404} if names and seeded else {404, 422}
        assert response.status_code in expected, (
            method,
            url,
            response.status_code,
            response.content,
        )

    assert checked >= 40
    assert _b_state(theirs) == before


@pytest.mark.parametrize(
    ("url", "filter_name"),
    [
        ("/api/v1/contacts/", "client_id"),
        ("/api/v1/projects/", "client_id"),
        ("/api/v1/milestones/", "project_id"),
        ("/api/v1/agreements/", "project_id"),
        ("/api/v1/commitments/", "project_id"),
        ("/api/v1/interactions/", "project_id"),
        ("/api/v1/cases/", "project_id"),
        ("/api/v1/meetings/", "project_id"),
        ("/api/v1/change-requests/", "project_id"),
    ],
)
def test_lists_never_show_another_workspaces_records(url, filter_name):
    mine = seed_workspace()
    theirs = seed_workspace()
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {mine['token']}"}
    target = theirs["client"] if filter_name == "client_id" else theirs["project"]

    everything = client.get(url, **auth).json()
    filtered = client.get(url, {filter_name: target.pk}, **auth).json()

    assert filtered == {"items": [], "count": 0}
    own_ids = {item["id"] for item in everything["items"]}
    assert everything["count"] >= 1
    assert not own_ids & _ids_of(theirs, url)


def _ids_of(records, url) -> set[int]:
    name = {
        "/api/v1/contacts/": "contact",
        "/api/v1/projects/": "project",
        "/api/v1/milestones/": "milestone",
        "/api/v1/agreements/": "agreement",
        "/api/v1/commitments/": "commitment",
        "/api/v1/interactions/": "interaction",
        "/api/v1/cases/": "case",
        "/api/v1/meetings/": "meeting",
        "/api/v1/change-requests/": "change_request",
    }[url]
    return {records[name].pk}


def test_revoked_and_deactivated_tokens_fail_on_every_operation_family():
    from accord.api.services import api_token_revoke

    revoked = seed_workspace()
    api_token_revoke(token=revoked["token_record"], actor=revoked["member"].user)
    deactivated = seed_workspace()
    deactivated["member"].user.is_active = False
    deactivated["member"].user.save()
    client = Client()

    for records in (revoked, deactivated):
        auth = {"HTTP_AUTHORIZATION": f"Bearer {records['token']}"}
        for url in ("/api/v1/me", "/api/v1/clients/", f"/api/v1/projects/{records['project'].pk}"):
            assert client.get(url, **auth).status_code == 401
        created = client.post(
            "/api/v1/clients/", {"name": "Nope"}, content_type="application/json", **auth
        )
        assert created.status_code == 401
