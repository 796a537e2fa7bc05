"""Load benchmark: Accord on gunicorn + PostgreSQL + Redis, a generated workspace, 20 users.

    .venv/bin/python bench/load.py [--scale 1] [--users 20] [--run-time 60]

Steps: (1) create the benchmark database (``--database``; dropped and re-created unless
``--reuse``) and generate the ``scale`` workspace at N with ``accord demo --scale N`` (timed);
(2) start gunicorn on a free loopback port with the production settings
(``accord.config.settings.production`` when it exists, else the base settings with DEBUG off),
Redis for the task queue, persistent database connections and the query-count header switched on;
(3) run a bounded closed-loop load with locust (headless, as a library): ``--users`` users, each
signed in, requesting the pages below back to back for ``--run-time`` seconds; (4) print
requests/s, p50, p95, p99, errors and database queries per request for each endpoint, and check
the targets (p95 < 300 ms, no errors, at most 15 queries per page).

Needs the bench extra (``make install-bench``), PostgreSQL on 127.0.0.1:5432 (trust auth) and
Redis on 127.0.0.1:6379. Nothing is left running afterwards; ``--drop`` removes the database.
"""

from __future__ import annotations

# locust patches the standard library with gevent; it must come before everything else.
from locust import FastHttpUser, constant, events  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import importlib.util
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import gevent
import psutil

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
P95_TARGET_MS = 300
QUERY_TARGET = 15
QUERY_HEADER = "X-Accord-Queries"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="N for accord demo --scale")
    parser.add_argument("--users", type=int, default=20, help="concurrent users (closed loop)")
    parser.add_argument("--run-time", type=int, default=60, help="seconds of load")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load not counted")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="gunicorn threads per worker (more than 1: gunicorn uses its gthread worker)",
    )
    parser.add_argument(
        "--database",
        default="postgres://postgres@127.0.0.1:5432/accord_bench",
        help="PostgreSQL database for the benchmark (created; its contents are replaced)",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/8", help="Redis for Huey")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database when it already holds the scale workspace (skip generation)",
    )
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument(
        "--import-sample",
        type=int,
        default=2000,
        help="e-mails imported and triaged into the generated workspace before the load (0: skip)",
    )
    parser.add_argument(
        "--write-every",
        type=float,
        default=15.0,
        help="seconds between two writes during the load (a client's notes changed through the "
        "API), so that kept pages go out of date as in a workspace in use; 0: no writes",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    return parser.parse_args()


# -- database ----------------------------------------------------------------------------------


def _admin_connect(url: str):
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    return psycopg.connect(admin, autocommit=True), parts.path.lstrip("/")


def database_prepare(url: str, reuse: bool) -> bool:
    """Create the database; returns True when it already holds the generated workspace."""
    import psycopg

    connection, name = _admin_connect(url)
    with connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and reuse:
            with psycopg.connect(url) as database:
                try:
                    found = database.execute(
                        "SELECT 1 FROM workspaces_workspace WHERE slug = 'scale'"
                    ).fetchone()
                except psycopg.errors.UndefinedTable:
                    found = None
            if found:
                return True
        if exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return False


def database_drop(url: str) -> None:
    connection, name = _admin_connect(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- the server ----------------------------------------------------------------------------------


def settings_module() -> tuple[str, str]:
    if importlib.util.find_spec("accord.config.settings.production") is not None:
        return "accord.config.settings.production", "accord.config.settings.production"
    return (
        "accord.config.settings.base",
        "accord.config.settings.base with ACCORD_DEBUG=0 (no production module yet)",
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(args, data_dir: str, settings: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": args.database,
        "REDIS_URL": args.redis,
        "ACCORD_HUEY_NAME": "accord-bench",
        "ACCORD_DATA_DIR": data_dir,
        "ACCORD_DEBUG": "0",
        # Persistent connections outlive the run: a reconnect in the middle would hide the
        # ended backend's CPU from the figures (in production 60 s or more is as good).
        "ACCORD_DB_CONN_MAX_AGE": "600",
        "ACCORD_QUERY_COUNT_HEADER": "1",
        "ACCORD_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # As behind the TLS-terminating proxy of a deployment: requests say X-Forwarded-Proto.
        "ACCORD_BEHIND_PROXY": "1",
        "ACCORD_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "ACCORD_LOG_LEVEL": "WARNING",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PYTHONPATH": str(ROOT / "src"),
    }


def run_checked(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, env=env, check=True, cwd=ROOT)


def wait_for(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def targets(env: dict[str, str], users: int) -> dict:
    """Ids of a typical active project, its client, one client message, a search word, and one
    signed-in session per user (made directly, so password hashing stays out of the figures)."""
    script = r"""
import json, sys
from importlib import import_module
import django
django.setup()
from django.conf import settings
from django.contrib import auth
from django.db.models import Count
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CSRF_SESSION_KEY
from django.utils.crypto import get_random_string
from accord.communications.models import Interaction
from accord.projects.models import Project
from accord.workspaces.models import Workspace
workspace = Workspace.objects.get(slug="scale")
projects = list(
    Project.objects.filter(workspace=workspace, status="active")
    .annotate(n=Count("interactions")).order_by("n", "id").values_list("id", "client_id", "n")
)
project_id, client_id, _n = projects[len(projects) // 2]
message = (
    Interaction.objects.filter(project_id=project_id, direction="in", channel="email")
    .order_by("-occurred_at").first()
)
user = auth.get_user_model().objects.get(username="scale")
store = import_module(settings.SESSION_ENGINE).SessionStore
# The backend that signs people in (the lockout backend in front of it only checks attempts).
backend = next(
    path for path in settings.AUTHENTICATION_BACKENDS
    if hasattr(auth.load_backend(path), "get_user")
)
sessions = []
for _ in range(int(sys.argv[1])):
    session = store()
    session[auth.SESSION_KEY] = str(user.pk)
    session[auth.BACKEND_SESSION_KEY] = backend
    session[auth.HASH_SESSION_KEY] = user.get_session_auth_hash()
    # The CSRF secret a sign-in stores (rotate_token): the first page is not a session write.
    session[CSRF_SESSION_KEY] = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    session.create()
    sessions.append(session.session_key)
word = {"ru": "счёт", "pl": "faktura", "en": "invoice"}[message.client.language]
# The API is called as an integration does: with a member's Bearer token.
from accord.api.services import api_token_create
from accord.workspaces.models import Member
record, token = api_token_create(
    member=Member.objects.get(workspace=workspace, user=user), name="load benchmark"
)
print(json.dumps({
    "project": project_id, "client": client_id, "message": message.pk, "word": word,
    "client_notes": message.client.notes,
    "cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions, "token": token,
    "token_id": record.pk,
}))
"""
    output = subprocess.run(
        [PYTHON, "-c", script, str(users)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


CLEANUP_SCRIPT = r"""
import json, sys
from importlib import import_module
import django
django.setup()
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from accord.api.models import ApiToken
from accord.core.models import Event
ids = json.loads(sys.argv[1])
store = import_module(settings.SESSION_ENGINE).SessionStore
for key in ids["sessions"]:
    store(session_key=key).delete()
kind = ContentType.objects.get_for_model(ApiToken)
Event.objects.filter(target_type=kind, target_id=ids["token_id"]).delete()
ApiToken.objects.filter(pk=ids["token_id"]).delete()
# The writes of the run changed the client's notes: put them back.
from accord.clients.models import Client
Client.objects.filter(pk=ids["client"]).update(notes=ids["client_notes"])
"""


def targets_remove(env: dict[str, str], ids: dict) -> None:
    """Remove the benchmark's sessions and API token (and the token's creation event) and put
    back the notes its writes changed, so that runs on a kept database leave nothing behind."""
    payload = json.dumps(
        {key: ids[key] for key in ("sessions", "token_id", "client", "client_notes")}
    )
    subprocess.run([PYTHON, "-c", CLEANUP_SCRIPT, payload], env=env, check=True, cwd=ROOT)


IMPORT_SCRIPT = r"""
import json, random, sys, time
import django
django.setup()
from accord.communications.ingestion.importer import mail_import_many
from accord.communications.models import Interaction
from accord.triage.services import interactions_triage_now
from accord.workspaces.models import Workspace
workspace = Workspace.objects.get(slug="scale")
count = int(sys.argv[1])
emails = Interaction.objects.filter(workspace=workspace, channel="email")
low, high = emails.order_by("id").values_list("id", flat=True)[:1][0], emails.order_by("-id").values_list("id", flat=True)[:1][0]
picked = random.Random(7).sample(range(low, high + 1), min(count * 3, high - low + 1))
raws = [bytes(raw) for raw in emails.filter(pk__in=picked).exclude(raw=None).values_list("raw", flat=True)[:count]]
# The same mail delivered again under new Message-IDs: new messages in existing threads.
raws = [raw.replace(b"Message-ID: <g", b"Message-ID: <bench-import-", 1) for raw in raws]
started = time.perf_counter()
summary = mail_import_many(workspace=workspace, items=[(f"bench-import-{i}", raw) for i, raw in enumerate(raws)])
imported = time.perf_counter() - started
new = Interaction.objects.filter(workspace=workspace, message_id__startswith="<bench-import-")
inbound = list(new.filter(direction="in").values_list("id", flat=True))
started = time.perf_counter()
interactions_triage_now(interaction_ids=inbound)
triaged = time.perf_counter() - started
new.delete()
print(json.dumps({"messages": len(raws), "imported": summary.imported, "import_s": imported,
                  "inbound": len(inbound), "triage_s": triaged}))
"""


def import_sample(env: dict[str, str], count: int) -> dict:
    """Import ``count`` e-mails into the generated workspace and triage them (then remove them):
    how the cost of new mail grows with the data already there."""
    local = {key: value for key, value in env.items() if key != "REDIS_URL"}
    output = subprocess.run(
        [PYTHON, "-c", IMPORT_SCRIPT, str(count)],
        env=local,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# -- the load ------------------------------------------------------------------------------------

QUERIES: dict[str, list[int]] = defaultdict(list)
# Answers per endpoint by the page cache's header: "hit", "miss" (none: not a cached page).
CACHE_ANSWERS: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
CACHE_HEADER = "X-Accord-Page-Cache"
COUNTING = {"on": False}


@events.request.add_listener
def _on_request(request_type, name, response, exception, **_kwargs):
    if not COUNTING["on"] or response is None:
        return
    value = response.headers.get(QUERY_HEADER)
    if value is not None:
        QUERIES[name].append(int(value))
    answer = response.headers.get(CACHE_HEADER)
    if answer is not None:
        CACHE_ANSWERS[name][answer] += 1


def user_class(
    paths: dict[str, str], cookie: str, sessions: list[str], token: str
) -> type[FastHttpUser]:
    def request_task(name: str):
        def run(user) -> None:
            user.get_checked(name)

        run.__name__ = f"get {name}"
        return run

    free = list(sessions)

    # FastHttpUser (geventhttpclient) rather than HttpUser (requests): the load generator shares
    # the machine's cores with the server and the database, and it spends several times less CPU
    # per request, so more of the machine serves the pages being measured.
    class AccordUser(FastHttpUser):
        wait_time = constant(0)  # closed loop: the next request as soon as the answer is in
        tasks = [request_task(name) for name in paths]
        # Cookies of the answers are not kept: the session cookie is sent as a header on every
        # request (the server re-sends it with the Secure flag, as behind TLS).
        insecure = True

        def on_start(self):
            self.session_cookie = f"{cookie}={free.pop()}"
            self.client.client.cookiejar = None

        def get_checked(self, name: str) -> None:
            with self.client.get(
                paths[name],
                name=name,
                catch_response=True,
                allow_redirects=False,
                # The API as an integration calls it: its token, no session cookie (which would
                # load the signed-in user and member a second time for nothing).
                headers={
                    "X-Forwarded-Proto": "https",
                    **(
                        {"Authorization": f"Bearer {token}"}
                        if name.startswith("api")
                        else {"Cookie": self.session_cookie}
                    ),
                },
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")

    return AccordUser


def _cpu_seconds(processes: list[psutil.Process]) -> dict[int, float]:
    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:  # a process that ended in the meantime
            continue
        seconds[process.pid] = times.user + times.system
    return seconds


def cpu_snapshot(server_pid: int) -> dict[str, dict[int, float] | float]:
    """CPU seconds used so far by gunicorn (master and workers), PostgreSQL, this process (the
    load generator) and the whole machine, per process: where the two cores went in the run."""
    server = psutil.Process(server_pid)
    postgres = [
        process
        for process in psutil.process_iter(["name"])
        if (process.info["name"] or "").startswith(("postgres", "postmaster"))
    ]
    machine = psutil.cpu_times()
    return {
        "server": _cpu_seconds([server, *server.children(recursive=True)]),
        "postgres": _cpu_seconds(postgres),
        "load generator": _cpu_seconds([psutil.Process()]),
        "machine": machine.user + machine.nice + machine.system + machine.irq + machine.softirq,
    }


def cpu_split(before: dict, after: dict, elapsed: float) -> dict[str, float]:
    """Cores used on average during the run by each part, and by everything else. A process
    counts what it used since the first snapshot (or since it started, when it is new); one
    that ended before the last snapshot is missed, so the server keeps its database
    connections for longer than the run."""
    used = {"machine": (after["machine"] - before["machine"]) / elapsed}
    for name in ("server", "postgres", "load generator"):
        seconds = sum(value - before[name].get(pid, 0.0) for pid, value in after[name].items())
        used[name] = seconds / elapsed
    used["other"] = max(
        0.0, used["machine"] - used["server"] - used["postgres"] - used["load generator"]
    )
    return {name: round(value, 2) for name, value in used.items()}


def core_speed() -> float:
    """Millions of iterations per second of a fixed pure-Python loop on one core, best of three:
    the same benchmark gives different figures on machines of different speed (or on a shared
    machine whose neighbours are busy), and this tells the reader which kind of core ran it."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        total = 0
        for value in range(2_000_000):
            total += value
        best = min(best, time.process_time() - start)
    return 2.0 / best


WRITES = {"done": 0, "failed": 0}


def write_loop(host: str, ids: dict, every: float) -> None:
    """Every ``every`` seconds, change the viewed project's client's notes through the API: a
    committed write, after which every kept page is rendered afresh once (as in a workspace
    where mail arrives and the team works while others read)."""
    import urllib.request

    number = 0
    while True:
        gevent.sleep(every)
        number += 1
        request = urllib.request.Request(
            f"{host}/api/v1/clients/{ids['client']}",
            data=json.dumps({"notes": f"Load benchmark write {number}"}).encode(),
            method="PATCH",
            headers={
                "Authorization": f"Bearer {ids['token']}",
                "Content-Type": "application/json",
                "X-Forwarded-Proto": "https",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                ok = response.status == 200
        except OSError:
            ok = False
        if COUNTING["on"]:
            WRITES["done" if ok else "failed"] += 1


def run_load(
    host: str, paths: dict[str, str], ids: dict, args, server_pid: int
) -> tuple[Environment, float, dict[str, float]]:
    user = user_class(paths, ids["cookie"], ids["sessions"], ids["token"])
    environment = Environment(user_classes=[user], host=host, events=events)
    runner = environment.create_local_runner()
    runner.start(args.users, spawn_rate=args.users)
    writer = gevent.spawn(write_loop, host, ids, args.write_every) if args.write_every else None
    gevent.sleep(args.warmup)
    environment.stats.reset_all()
    QUERIES.clear()
    CACHE_ANSWERS.clear()
    WRITES.update(done=0, failed=0)
    COUNTING["on"] = True
    cpu_before = cpu_snapshot(server_pid)
    started = time.monotonic()
    gevent.sleep(args.run_time)
    elapsed = time.monotonic() - started
    cpu = cpu_split(cpu_before, cpu_snapshot(server_pid), elapsed)
    COUNTING["on"] = False
    if writer is not None:
        writer.kill()
    runner.quit()
    for error in list(runner.exceptions.values())[:3]:
        print(f"locust: {error['count']} x {error['msg']}\n{error['traceback']}", file=sys.stderr)
    return environment, elapsed, cpu


def figures(environment: Environment, elapsed: float, paths: dict[str, str]) -> list[dict]:
    rows = []
    for name in paths:
        entry = environment.stats.get(name, "GET")
        counts = QUERIES.get(name, [])
        rows.append(
            {
                "endpoint": name,
                "path": paths[name],
                "requests": entry.num_requests,
                "rps": round(entry.num_requests / elapsed, 1),
                "p50_ms": entry.get_response_time_percentile(0.50),
                "p95_ms": entry.get_response_time_percentile(0.95),
                "p99_ms": entry.get_response_time_percentile(0.99),
                "errors": entry.num_failures,
                "queries_median": int(statistics.median(counts)) if counts else None,
                "queries_max": max(counts) if counts else None,
                "cache_hits": CACHE_ANSWERS[name].get("hit", 0) if name in CACHE_ANSWERS else None,
                "cache_misses": (
                    CACHE_ANSWERS[name].get("miss", 0) if name in CACHE_ANSWERS else None
                ),
            }
        )
    return rows


def _kept(row: dict) -> str:
    """Share of the endpoint's answers served from the page cache ("-": not a cached page)."""
    if row.get("cache_hits") is None:
        return "-"
    answered = row["cache_hits"] + row["cache_misses"]
    return f"{100 * row['cache_hits'] / answered:.0f}%" if answered else "-"


def print_table(rows: list[dict], elapsed: float) -> bool:
    header = (
        f"{'endpoint':<18} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'errors':>6} {'queries':>8} {'kept':>6}  path"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for row in rows:
        queries = row["queries_max"]
        fine = (
            row["requests"] > 0
            and row["errors"] == 0
            and (row["p95_ms"] or 0) < P95_TARGET_MS
            and queries is not None
            and queries <= QUERY_TARGET
        )
        ok = ok and fine
        print(
            f"{row['endpoint']:<18} {row['rps']:>7} {row['p50_ms'] or 0:>7.0f} "
            f"{row['p95_ms'] or 0:>7.0f} {row['p99_ms'] or 0:>7.0f} {row['errors']:>6} "
            f"{queries if queries is not None else '-':>8} {_kept(row):>6}  {row['path']}"
            + ("" if fine else "   <- misses a target")
        )
    total = sum(row["requests"] for row in rows)
    print("-" * len(header))
    print(f"{'all':<18} {total / elapsed:>7.1f}   ({total} requests in {elapsed:.0f} s)")
    return ok


def main() -> int:
    args = parse_args()
    settings, settings_label = settings_module()
    data_dir = tempfile.mkdtemp(prefix="accord-bench-")
    env = server_env(args, data_dir, settings)
    accord = [PYTHON, "-m", "accord.cli"]
    reused = database_prepare(args.database, args.reuse)
    generator_seconds = None
    if reused:
        print(f"Reusing the generated workspace in {args.database}")
        run_checked([*accord, "manage", "migrate", "--verbosity", "0"], env)
    else:
        print(f"Generating N={args.scale:g} into {args.database} …", flush=True)
        started = time.monotonic()
        run_checked([*accord, "demo", "--scale", str(args.scale)], env)
        generator_seconds = time.monotonic() - started
        print(f"Generator (with migrations): {generator_seconds:.0f} s", flush=True)

    ids = targets(env, args.users)
    imported = None
    if args.import_sample:
        try:
            imported = import_sample(env, args.import_sample)
        except BaseException:
            targets_remove(env, ids)
            raise
        print(
            f"import of {imported['messages']} e-mails into the workspace: "
            f"{imported['messages'] / imported['import_s']:,.0f} msgs/s; triage of the "
            f"{imported['inbound']} client messages: "
            f"{imported['inbound'] / max(imported['triage_s'], 0.001):,.0f} msgs/s",
            flush=True,
        )
    api = "/api/v1" if importlib.util.find_spec("accord.api") is not None else "/api"
    paths = {
        "dashboard": "/",
        "client list": "/clients/",
        "project page": f"/projects/{ids['project']}/",
        "timeline search": f"/communications/project/{ids['project']}/?q={ids['word']}",
        "case list": "/cases/",
        "message page": f"/communications/messages/{ids['message']}/",
        "api clients": f"{api}/clients/",
        "api projects": f"{api}/projects/",
        "api cases": f"{api}/cases/",
    }
    speed_before = core_speed()
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "accord.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            # As ``accord serve`` (config.gunicorn): the application loaded once before the
            # workers fork, so no worker's first request waits for the imports.
            "--preload",
            # As ``accord serve``: no control socket (its default path in the home folder is
            # shared by every gunicorn on the machine).
            "--no-control-socket",
        ],
        env=env,
        cwd=ROOT,
    )
    load_before = os.getloadavg()
    try:
        wait_for(port, server)
        environment, elapsed, cpu = run_load(
            f"http://127.0.0.1:{port}", paths, ids, args, server.pid
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        targets_remove(env, ids)
    load_after = os.getloadavg()
    speed_after = core_speed()
    rows = figures(environment, elapsed, paths)
    print()
    print(
        f"N={args.scale:g}, {args.users} users closed loop, {args.run_time} s after "
        f"{args.warmup} s warm-up; gunicorn {args.workers} workers x {args.threads} threads; "
        f"settings: {settings_label}; PostgreSQL {args.database.rsplit('/', 1)[-1]}, "
        f"Redis {args.redis}"
    )
    # The machine may be shared: figures mean little without the load around them.
    print(
        f"load average (1, 5, 15 min) before the load: {', '.join(f'{v:.1f}' for v in load_before)}"
        f"; after: {', '.join(f'{v:.1f}' for v in load_after)}"
    )
    print(
        f"cores used during the run (of {psutil.cpu_count()}): "
        + ", ".join(f"{name} {value:.2f}" for name, value in cpu.items() if name != "machine")
        + f"; all {cpu['machine']:.2f}"
    )
    print(
        f"core speed (pure-Python loop, one core, best of 3): {speed_before:.1f} M iterations/s "
        f"before the load, {speed_after:.1f} after"
    )
    if generator_seconds is not None:
        print(f"generator: {generator_seconds:.0f} s for N={args.scale:g}")
    if imported:
        print(
            f"import: {imported['messages'] / imported['import_s']:,.0f} msgs/s, "
            f"triage: {imported['inbound'] / max(imported['triage_s'], 0.001):,.0f} msgs/s "
            f"({imported['messages']} e-mails into the generated workspace)"
        )
    ok = print_table(rows, elapsed)
    if args.write_every:
        print(
            f"writes during the load: {WRITES['done']} (one every {args.write_every:g} s, "
            f"{WRITES['failed']} failed); kept: answers served from the page cache"
        )
    print(
        f"targets (p95 < {P95_TARGET_MS} ms, 0 errors, <= {QUERY_TARGET} queries): "
        + ("met" if ok else "NOT met")
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "scale": args.scale,
                    "users": args.users,
                    "settings": settings_label,
                    "generator_seconds": generator_seconds,
                    "load_average_before": load_before,
                    "load_average_after": load_after,
                    "cores_used": cpu,
                    "import": imported,
                    "write_every_seconds": args.write_every,
                    "writes": dict(WRITES),
                    "endpoints": rows,
                },
                indent=2,
            )
        )
    if args.drop:
        database_drop(args.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
