"""`accord serve` runs the web server and the task consumer, restarts a crashed one, stops on Ctrl-C."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

import accord


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_WITH_DEFAULT_SIGINT = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.argv[1], sys.argv[1:])"
)


class Serve:
    """`accord serve …` in its own process group, its output collected line by line."""

    def __init__(self, tmp_path, *args: str, **env: str) -> None:
        self.port = _free_port()
        environment = {
            **os.environ,
            "ACCORD_DATA_DIR": str(tmp_path / "data"),
            "HOME": str(tmp_path / "home"),
            "DJANGO_SETTINGS_MODULE": "accord.config.settings.base",
            **env,
        }
        (tmp_path / "home").mkdir()
        environment.pop("DATABASE_URL", None)
        environment.pop("REDIS_URL", None)
        # As from a terminal: a shell that started the suite in the background (nohup, `&`
        # without job control) leaves SIGINT ignored, and exec keeps an ignored signal ignored.
        command = [sys.executable, "-m", "accord.cli", "serve", "--port", str(self.port), *args]
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WITH_DEFAULT_SIGINT, *command],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(
            target=lambda: self.lines.extend(line.decode() for line in self.process.stdout),
            daemon=True,
        )
        self.reader.start()

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = 90, after: int = 0) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, "".join(self.lines[after:]))
            if found:
                return found
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"{pattern!r} not seen; output:\n{self.output}")

    def get(self, path: str, timeout: float = 90) -> tuple[int, bytes]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                url = f"http://127.0.0.1:{self.port}{path}"
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.status, response.read()
            except urllib.error.HTTPError as error:
                return error.code, error.read()
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.reader.join(timeout=5)


@pytest.mark.django_db(transaction=True)
def test_serve_restarts_a_killed_consumer_and_stops_cleanly_on_ctrl_c(tmp_path):
    serve = Serve(tmp_path, "--workers", "1", "--task-workers", "1")
    try:
        status, _body = serve.get("/login/")
        first = int(serve.wait_for(r"task consumer started \(pid (\d+)\)").group(1))
        serve.wait_for("Huey consumer started")
        mark = len(serve.lines)

        os.kill(first, signal.SIGKILL)  # the consumer crashes
        serve.wait_for(r"task consumer exited with code -9; restarting in", after=mark)
        second = int(serve.wait_for(r"task consumer started \(pid (\d+)\)", after=mark).group(1))
        serve.wait_for(f"Huey consumer started with 1 thread, PID {second}", after=mark)
        health_status, health = serve.get("/health/")

        # Ctrl-C in a terminal reaches the whole process group.
        os.killpg(serve.process.pid, signal.SIGINT)
        serve.process.wait(timeout=30)
    finally:
        serve.stop()
    assert status == 200 and second != first
    assert health_status == 200 and json.loads(health)["database"]["ok"]
    assert serve.process.returncode == 0, serve.output
    assert "Consumer exiting" in serve.output, serve.output
    assert (tmp_path / "data" / "huey.sqlite3").exists()
    # No control socket in the home folder shared by every instance.
    assert not (tmp_path / "home" / ".gunicorn").exists()


@pytest.mark.django_db(transaction=True)
def test_serve_exits_non_zero_when_the_consumer_keeps_crashing(tmp_path):
    serve = Serve(
        tmp_path,
        "--no-web",
        ACCORD_SERVE_MAX_RESTARTS="2",
        ACCORD_SERVE_RESTART_DELAY="0.1",
    )
    try:
        killed: list[int] = []
        for _attempt in range(3):
            # The restart can be logged before we look again: wait for a pid not killed yet.
            deadline = time.monotonic() + 90
            pid = None
            while pid is None and time.monotonic() < deadline:
                started = re.findall(r"task consumer started \(pid (\d+)\)", serve.output)
                fresh = [int(found) for found in started if int(found) not in killed]
                if fresh:
                    pid = fresh[0]
                elif serve.process.poll() is not None:
                    break
                else:
                    time.sleep(0.1)
            assert pid is not None, serve.output
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            deadline = time.monotonic() + 90
            while serve.output.count("exited with code -9") < len(killed):
                assert time.monotonic() < deadline, serve.output
                time.sleep(0.1)
        serve.process.wait(timeout=30)
    finally:
        serve.stop()
    assert serve.process.returncode == 1, serve.output
    assert "giving up" in serve.output and "restarting in" in serve.output


def _after_importing_the_wsgi_module(tmp_path, code: str) -> str:
    """What ``code`` prints in a fresh interpreter that has just imported accord.config.wsgi (as a
    gunicorn master or worker does), on SQLite, with this checkout's code."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "accord.config.settings.test",
        "ACCORD_DATA_DIR": str(tmp_path),
        # This checkout's code, whatever the virtualenv was installed from.
        "PYTHONPATH": str(Path(accord.__file__).parents[1]),
    }
    environment.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", "import accord.config.wsgi\n" + code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_wsgi_module_imports_the_views_before_the_first_request(tmp_path):
    """A worker imports the URL configuration, the API and the charts when it starts, so the
    first request of a new worker is not seconds slower than the rest."""
    printed = _after_importing_the_wsgi_module(
        tmp_path,
        "import sys; print(all(name in sys.modules for name in "
        "('accord.config.urls', 'accord.api.main', 'accord.reports.charts')))",
    )

    assert printed.strip() == "True"


def test_loading_the_application_before_the_fork_opens_no_connection_socket_or_thread(tmp_path):
    """gunicorn loads the application in its master and forks the workers from it
    (``preload_app``): a database connection, socket or thread made at import would be shared by
    every worker."""
    printed = _after_importing_the_wsgi_module(
        tmp_path,
        "import os, socket, threading; "
        "from django.db import connections; "
        "links = [os.readlink(f'/proc/self/fd/{fd}') for fd in os.listdir('/proc/self/fd') "
        "if os.path.exists(f'/proc/self/fd/{fd}')]; "
        "print(sum(connections[alias].connection is not None for alias in connections), "
        "sum(link.startswith('socket:') for link in links), threading.active_count())",
    )

    assert printed.split() == ["0", "0", "1"]
