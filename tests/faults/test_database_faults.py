"""PostgreSQL restarted in the middle of an import: the import says so, a re-run completes.

The restarted server is a private cluster made with initdb in a temporary directory on a free
port; the shared server the rest of the suite uses is never touched.
"""

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

from accord.communications.tests.smtp_server import free_port

from .conftest import Accord, _pg_url, wait_until, write_mbox

pytestmark = pytest.mark.faults
COUNT = 1200


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or (
        [shutil.which(name)] if shutil.which(name) else []
    )
    if not found:
        pytest.fail(f"{name} not found: install PostgreSQL (bin/system-deps)", pytrace=False)
    return found[-1]


class PrivateCluster:
    """initdb + pg_ctl in a temp dir; as root the server runs as the postgres user."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="accord-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        self._run(
            _bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )

    def _run(self, *argv: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.user else []
        subprocess.run([*prefix, *argv], check=True, capture_output=True, cwd=self.dir)

    def pg_ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            _bin("pg_ctl"),
            action,
            "-D",
            str(self.data),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "-l",
            str(self.dir / "server.log"),
            *extra,
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/accord"

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster(pg_admin, pg_template):
    """The private cluster with a copy of the migrated template database (no migrating again)."""
    cluster = PrivateCluster()
    try:
        cluster.pg_ctl("start")
        with psycopg.connect(cluster.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE accord")
        dump = subprocess.run(
            [
                _bin("pg_dump"),
                "--no-owner",
                "--no-privileges",
                "-d",
                _pg_url(pg_admin, pg_template),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [_bin("psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.url],
            input=dump.stdout,
            check=True,
            capture_output=True,
        )
        yield cluster
    finally:
        cluster.remove()


def test_postgresql_restarted_during_an_import_is_reported_and_a_rerun_completes(cluster, tmp_path):
    accord = Accord(tmp_path, DATABASE_URL=cluster.url)
    mbox = write_mbox(tmp_path / "inbox.mbox", COUNT)

    running = accord.popen("import-mail", str(mbox))
    wait_until(
        lambda: accord.scalar("SELECT count(*) FROM communications_interaction") >= 150,
        timeout=120,
        interval=0.05,
        what="the import to store its first messages",
    )
    cluster.pg_ctl("restart", "-m", "fast")
    _out, err = running.communicate(timeout=120)
    stored_first = accord.scalar("SELECT count(*) FROM communications_interaction")

    again = accord.command("import-mail", str(mbox))

    assert running.returncode == 1, err
    assert "import stopped: the database is not reachable" in err
    assert "Traceback" not in err
    assert 150 <= stored_first < COUNT
    assert again.returncode == 0, again.stderr
    assert f"imported: {COUNT - stored_first}, duplicates: {stored_first}," in again.stdout
    assert accord.sql(
        "SELECT count(*), count(DISTINCT message_id) FROM communications_interaction"
    )[0] == (COUNT, COUNT)
    assert accord.scalar("SELECT count(*) FROM communications_quarantinedmessage") == 0
