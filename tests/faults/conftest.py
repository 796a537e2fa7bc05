"""Real processes, real signals, real PostgreSQL and Redis: the background work survives faults.

These tests drive Accord the way an operator does, through the ``accord`` command and the Huey
consumer in their own processes, and read the outcome straight from the database. They need
PostgreSQL (``ACCORD_TEST_PG_URL``, default the server on 127.0.0.1:5432) and Redis
(``ACCORD_TEST_REDIS_URL``); a missing service fails them with the command that starts it.
"""

from __future__ import annotations

import json
import mailbox
import os
import secrets
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import psycopg
import pytest
import redis

PG_URL = os.environ.get("ACCORD_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("ACCORD_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
SETUP = """
import django, json, sys
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from accord.workspaces.tests.factories import MemberFactory
member = MemberFactory(workspace__name="Faults", workspace__slug="faults")
print(json.dumps({"workspace": member.workspace_id}))
"""


def _fail_missing(what: str, start: str) -> None:
    pytest.fail(f"{what} is not reachable; start it with: {start}", pytrace=False)


@pytest.fixture(scope="session")
def pg_admin() -> str:
    try:
        with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError:
        _fail_missing(f"PostgreSQL ({PG_URL})", "bin/system-deps (or make test)")
    return PG_URL


@pytest.fixture(scope="session")
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError:
        _fail_missing(f"Redis ({REDIS_URL})", "bin/system-deps (or make test)")
    return REDIS_URL


def _pg_url(admin: str, name: str) -> str:
    return admin.rsplit("/", 1)[0] + "/" + name


def _drop(admin: str, name: str) -> None:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def base_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "ACCORD_HUEY_NAME"}
        and not key.startswith("PYTEST_")
    }
    env.update(
        {
            "ACCORD_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "accord.config.settings.base",
            "SECRET_KEY": "fault-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ACCORD_LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def pg_template(pg_admin, tmp_path_factory) -> str:
    """A migrated database with one workspace, copied for each test (migrating takes long)."""
    name = f"accord_fault_tpl_{secrets.token_hex(4)}"
    with psycopg.connect(pg_admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = base_env(tmp_path_factory.mktemp("tpl"), DATABASE_URL=_pg_url(pg_admin, name))
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, capture_output=True)
    yield name
    _drop(pg_admin, name)


@pytest.fixture
def pg_database(pg_admin, pg_template) -> str:
    name = f"accord_fault_{secrets.token_hex(4)}"
    with psycopg.connect(pg_admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield _pg_url(pg_admin, name)
    _drop(pg_admin, name)


@pytest.fixture
def redis_queue(redis_url):
    """A Huey queue name of its own on the test Redis, removed afterwards."""
    name = f"accord-fault-{secrets.token_hex(4)}"
    yield name
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"*{name}*"))
    if keys:
        client.delete(*keys)


class Accord:
    """One installation: a data dir, a database, maybe Redis; commands and consumers on it."""

    def __init__(self, data_dir: Path, **env: str) -> None:
        self.data_dir = data_dir
        self.env = base_env(data_dir, **env)
        self.consumers: list[subprocess.Popen] = []

    @property
    def database_url(self) -> str | None:
        return self.env.get("DATABASE_URL")

    def command(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "accord.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "accord.cli", *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def python(self, code: str, timeout: float = 120) -> object:
        """Run ``code`` with Django set up; it prints one JSON value, returned here."""
        done = subprocess.run(
            [sys.executable, "-c", "import django, json\ndjango.setup()\n" + code],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def consumer(self, workers: int = 2, log: Path | None = None) -> subprocess.Popen:
        log = log or self.data_dir / f"consumer-{len(self.consumers)}.log"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "django",
                "run_huey",
                "--workers",
                str(workers),
                "--worker-type",
                "thread",
            ],
            env=self.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = log
        self.consumers.append(process)
        return process

    def sql(self, query: str) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            return conn.execute(query).fetchall()

    def scalar(self, query: str):
        return self.sql(query)[0][0]

    def triage_counts(self) -> dict[str, int]:
        rows = self.sql(
            "SELECT triage_state, count(*) FROM communications_interaction "
            "WHERE direction = 'in' GROUP BY triage_state"
        )
        return dict(rows)

    def stop(self) -> None:
        for process in self.consumers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.consumers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until(condition, *, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture
def accord_pg(tmp_path, pg_database, redis_url, redis_queue):
    """Accord on its own PostgreSQL database with Huey on Redis."""
    installation = Accord(
        tmp_path,
        DATABASE_URL=pg_database,
        REDIS_URL=redis_url,
        ACCORD_HUEY_NAME=redis_queue,
        ACCORD_WORK_STALE_SECONDS="3",
    )
    yield installation
    installation.stop()


@pytest.fixture
def accord_local_queue(tmp_path, pg_database):
    """Accord with the embedded task queue (Huey on SQLite in the data dir) on PostgreSQL."""
    installation = Accord(tmp_path, DATABASE_URL=pg_database, ACCORD_WORK_STALE_SECONDS="3")
    yield installation
    installation.stop()


def write_mbox(path: Path, count: int, *, prefix: str = "m") -> Path:
    """``count`` client e-mails in one mbox file (distinct Message-IDs, a few languages)."""
    texts = [
        "Hello, when will the release be ready? We have been waiting for two weeks.",
        "Dzień dobry, faktura nadal nie jest opłacona, prosimy o informację.",
        "Добрый день! Сайт снова не работает, клиенты жалуются. Срочно исправьте.",
        "Thanks for the call today, all clear on our side.",
    ]
    box = mailbox.mbox(str(path), create=True)
    box.lock()
    try:
        for number in range(count):
            message = EmailMessage()
            message["From"] = f"Client {number % 7} <client{number % 7}@customer.example>"
            message["To"] = "team@accord.example"
            message["Subject"] = f"Message {number}"
            message["Message-ID"] = f"<{prefix}-{number}@customer.example>"
            message["Date"] = "Mon, 02 Mar 2026 10:00:00 +0000"
            message.set_content(f"{texts[number % len(texts)]}\n\nRef {number}")
            box.add(message)
    finally:
        box.flush()
        box.unlock()
        box.close()
    return path
