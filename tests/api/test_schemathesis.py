"""Schemathesis against /api/v1/openapi.json: every operation, token-authenticated, writes included.

Runs against a real server (pytest-django's live server thread) so that each request has the
connection handling of production; deterministic (derandomized Hypothesis, no example database)
and bounded (EXAMPLES per operation). Half of the generated cases get the ids of existing records
of the token's workspace in their path and body, so that valid writes reach the services and must
succeed. Checks: no 5xx, documented status codes and content types, responses match the schema.
"""

import itertools
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import seed_workspace

# Examples per operation: writes get more, as fewer random payloads are valid.
EXAMPLES = {"GET": 5, "DELETE": 5}
WRITE_EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Writes that a valid request must be able to complete (2xx at least once).
MUST_SUCCEED = {
    "client_create",
    "client_update",
    "client_contact_create",
    "contact_create",
    "contact_update",
    "project_create",
    "project_update",
    "project_contract_update",
    "milestone_create",
    "milestone_update",
    "agreement_create",
    "agreement_revise",
    "commitment_create",
    "commitment_update",
    "commitment_complete",
    "case_create",
    "case_update",
    "case_draft_create",
    "meeting_create",
    "change_request_create",
    "interaction_import",
    "triage_text",
    "api_token_create",
}
PATH_IDS = {
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
}
BODY_IDS = {
    **PATH_IDS,
    "accepted_by_id": "contact",
    "owner_contact_id": "contact",
    "requested_by_id": "contact",
    "contact_id": "contact",
    "origin_interaction_id": "interaction",
    "owner_member_id": "member",
    "owner_id": "member",
}


def _known_ids(records: dict) -> dict[str, int]:
    return {name: record.pk for name, record in records.items() if hasattr(record, "pk")}


def _aim_at_real_records(case, ids: dict[str, int]) -> None:
    for name in list(case.path_parameters or {}):
        if name in PATH_IDS:
            case.path_parameters[name] = ids[PATH_IDS[name]]
        elif name == "step_id":
            from accord.situations.models import CaseStep

            step = CaseStep.objects.filter(case_id=ids["case"]).first()
            if step:
                case.path_parameters[name] = step.pk
    if isinstance(case.body, dict):
        for name in list(case.body):
            if name in BODY_IDS and case.body[name] is not None:
                case.body[name] = ids[BODY_IDS[name]]
        # A commitment is owned by a person of its own side.
        side = case.body.get("side")
        if side in ("ours", "client"):
            case.body.pop("owner_contact_id" if side == "ours" else "owner_member_id", None)


def _exercise(operation, base_url, headers, ids, requests_sent, succeeded, failures) -> None:
    operation_id = operation.definition.raw.get("operationId", operation.label)
    aim = itertools.cycle([True, False])

    @settings(
        max_examples=EXAMPLES.get(operation.method.upper(), WRITE_EXAMPLES),
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        if next(aim):
            _aim_at_real_records(case, ids)
        response = case.call(base_url=base_url, headers=headers, timeout=60)
        requests_sent[operation_id] += 1
        if 200 <= response.status_code < 300:
            succeeded[operation_id] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except BaseException as error:  # noqa: BLE001 - collect every failure, report them all
            failures.append(
                f"{operation.label} -> {response.status_code}: {str(error)[:600]}\n"
                f"  body sent: {str(case.body)[:300]}\n  answer: {response.text[:300]}"
            )

    run()


@pytest.mark.django_db(transaction=True)
def test_api_conforms_to_its_schema(live_server, capsys):
    from accord.api.main import api
    from accord.triage.engine import load_model

    load_model()  # the triage model loads once per process; not part of any request's time
    records = seed_workspace()
    ids = _known_ids(records)
    headers = {"Authorization": f"Bearer {records['token']}"}
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    operations = [result.ok() for result in schema.get_all_operations()]
    # Deletions last, so the other operations still find the records they are aimed at.
    operations.sort(key=lambda operation: operation.method.upper() == "DELETE")
    requests_sent: Counter = Counter()
    succeeded: Counter = Counter()
    failures: list[str] = []

    for operation in operations:
        _exercise(operation, live_server.url, headers, ids, requests_sent, succeeded, failures)

    total = sum(requests_sent.values())
    with capsys.disabled():
        print(
            f"\nschemathesis: {len(operations)} operations, {total} requests, "
            f"{sum(succeeded.values())} succeeded (2xx), {len(failures)} failures"
        )
    assert not failures, "\n".join(failures[:30])
    never = sorted(name for name in MUST_SUCCEED if succeeded[name] == 0)
    assert never == [], f"valid writes never succeeded: {never}"
    assert len(operations) >= 50
