"""/health/: unauthenticated JSON for load balancers, 200 when healthy, 503 when not."""

import datetime

import pytest
from django.utils import timezone

from accord.core.heartbeat import heartbeat_record
from accord.core.models import Heartbeat
from accord.core.work import sweeps_run

pytestmark = pytest.mark.django_db


def test_health_is_open_and_reports_database_queue_and_periodic_run(client):
    before = client.get("/health/").json()
    sweeps_run(names=[])
    after = client.get("/health/")

    assert before["status"] == "ok" and before["periodic"]["last_run"] is None
    assert after.status_code == 200 and after["Content-Type"] == "application/json"
    body = after.json()
    assert body["database"]["ok"] and body["queue"]["ok"] and "pending" in body["queue"]
    assert body["periodic"]["ok"] and body["periodic"]["age_seconds"] < 60


def test_a_stuck_consumer_makes_health_fail(client):
    heartbeat_record("work_sweep")
    Heartbeat.objects.update(at=timezone.now() - datetime.timedelta(hours=2))

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["status"] == "fail" and not response.json()["periodic"]["ok"]


def test_an_unreachable_queue_makes_health_fail(client, monkeypatch):
    from huey.contrib.djhuey import HUEY

    def down():
        raise ConnectionError("queue down")

    monkeypatch.setattr(HUEY, "pending_count", down)
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["queue"] == {
        "ok": False,
        "backend": "memory",
        "error": "ConnectionError",
    }


def test_health_answers_only_get(client):
    assert client.post("/health/").status_code == 405
