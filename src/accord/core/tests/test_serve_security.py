"""Behind gunicorn with several workers: login lockout holds and tokens stay out of the log."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(opener, url, data=None) -> tuple[int, str]:
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _login_attempt(base: str, password: str) -> int:
    """A fresh browser (new session, new connection): GET the form, POST the password."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    _code, page = _status(opener, f"{base}/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"username": "anna", "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{base}/login/", data=body, headers={"Referer": base})
    code, _text = _status(opener, request)
    return code


@pytest.mark.django_db(transaction=True)
def test_lockout_across_gunicorn_workers_and_masked_access_log(tmp_path):
    env = {
        **os.environ,
        "ACCORD_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "accord.config.settings.base",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "-m", "accord.cli", "init", "--workspace", "Team", "--username", "anna"]
        + ["--password", "Right-pass-123"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "accord.cli", "serve", "--port", str(port)]
        + ["--workers", "2", "--no-tasks"],
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
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/login/", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        statuses = [_login_attempt(base, "wrong-password") for _ in range(5)]
        locked = _login_attempt(base, "Right-pass-123")
        secret = "SeCrEt-token-abc123"
        opener = urllib.request.build_opener()
        link_status, _page = _status(opener, f"{base}/changes/decide/{secret}/")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    reader.join(timeout=5)
    output = "".join(lines)

    # Two workers, a new connection for every attempt: one shared count in the database.
    assert statuses == [200, 200, 200, 200, 429], output
    assert locked == 429
    assert link_status == 404
    assert "/changes/decide/***/" in output
    assert secret not in output
