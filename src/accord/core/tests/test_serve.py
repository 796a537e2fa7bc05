"""`accord serve` runs the web server and the task consumer and stops both on Ctrl-C."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_serve_answers_and_stops_cleanly_on_ctrl_c(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "ACCORD_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "accord.config.settings.base",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "accord.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.extend(line.decode() for line in process.stdout), daemon=True
    )
    reader.start()
    try:
        status = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/login/", timeout=2
                ) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200
        while time.monotonic() < deadline and not any("consumer started" in line for line in lines):
            time.sleep(0.2)
        # Ctrl-C in a terminal reaches the whole process group.
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    reader.join(timeout=5)
    output = "".join(lines)
    assert process.returncode == 0, output
    assert "Huey consumer started" in output
    assert "Consumer exiting" in output
    assert (tmp_path / "huey.sqlite3").exists()
