"""IMAP fetching against a real Dovecot server started on loopback for the test."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from imapclient import IMAPClient

from accord.communications.ingestion.mailbox import mailbox_fetch, mailbox_password_set
from accord.communications.models import Interaction, Mailbox

MAIL = Path(__file__).parent / "fixtures" / "mail"
CONFIG = """
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def imap_server():
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not Path(binary).exists():
        pytest.fail("Dovecot is needed for the IMAP test: install Debian's dovecot-imapd package.")
    root = Path(tempfile.mkdtemp(prefix="accord-imap-"))
    root.chmod(0o755)
    for name in ("run", "state", "mail"):
        (root / name).mkdir()
    account = pwd.getpwnam("dovecot")
    os.chown(root / "mail", account.pw_uid, account.pw_gid)
    (root / "users").write_text("team:{PLAIN}imap-secret\n")
    port = _free_port()
    (root / "dovecot.conf").write_text(CONFIG.format(root=root, port=port))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield {"port": port, "user": "team", "password": "imap-secret"}
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(root, ignore_errors=True)


def _deliver(server, *names: str) -> None:
    client = IMAPClient("127.0.0.1", port=server["port"], ssl=False, timeout=10)
    client.login(server["user"], server["password"])
    for name in names:
        client.append("INBOX", (MAIL / name).read_bytes())
    client.logout()


@pytest.mark.django_db
def test_fetch_is_incremental_and_idempotent(imap_server, workspace):
    mailbox = Mailbox.objects.create(
        workspace=workspace,
        name="Support",
        host="127.0.0.1",
        port=imap_server["port"],
        use_tls=False,
        username=imap_server["user"],
    )
    mailbox_password_set(mailbox=mailbox, password=imap_server["password"])
    _deliver(imap_server, "cp1251.eml", "html_only.eml", "junk.eml")

    first = mailbox_fetch(mailbox=mailbox)
    _deliver(imap_server, "iso8859_2_b64.eml", "cp1251.eml")
    second = mailbox_fetch(mailbox=mailbox)
    third = mailbox_fetch(mailbox=mailbox)

    mailbox.refresh_from_db()
    assert (first.imported, first.quarantined) == (2, 1)
    assert (second.imported, second.duplicates) == (1, 1)
    assert (third.imported, third.duplicates, third.quarantined) == (0, 0, 0)
    assert mailbox.last_uid == 5 and mailbox.uid_validity
    assert Interaction.objects.count() == 3
    assert mailbox.password_encrypted and "imap-secret" not in mailbox.password_encrypted


@pytest.mark.django_db
def test_wrong_password_is_reported_on_the_mailbox(imap_server, workspace):
    mailbox = Mailbox.objects.create(
        workspace=workspace,
        name="Support",
        host="127.0.0.1",
        port=imap_server["port"],
        use_tls=False,
        username=imap_server["user"],
    )
    mailbox_password_set(mailbox=mailbox, password="wrong")

    with pytest.raises(Exception):  # noqa: B017 - imapclient raises its LoginError
        mailbox_fetch(mailbox=mailbox)

    mailbox.refresh_from_db()
    assert mailbox.last_error and mailbox.last_uid == 0
