import mailbox
from pathlib import Path

import pytest

from accord.communications.models import Interaction
from accord.communications.tests.test_imap import imap_server  # noqa: F401 - real Dovecot

from .conftest import login

pytestmark = pytest.mark.browser
MAIL = Path(__file__).resolve().parents[2] / "src/accord/communications/tests/fixtures/mail"


def test_eml_mbox_and_msg_uploaded_together_with_the_cli_summary(
    page, live_server, demo_workspace, artifacts_dir, tmp_path
):
    box = mailbox.mbox(tmp_path / "archive.mbox")
    for name in ("koi8r_qp.eml", "html_only.eml"):
        box.add((MAIL / name).read_bytes())
    box.close()
    files = [str(MAIL / "cp1251.eml"), str(tmp_path / "archive.mbox"), str(MAIL / "outlook.msg")]
    before = Interaction.objects.count()
    login(page, live_server)
    page.goto(f"{live_server.url}/communications/")
    page.get_by_role("link", name="Import mail files").click()

    page.set_input_files("input[type=file]", files)
    page.get_by_role("button", name="Import").click()
    page.locator("tr[data-file='outlook.msg']").wait_for()

    def counts(name: str) -> list[str]:
        return page.locator(f"tr[data-file='{name}'] td").all_inner_texts()[1:5]

    assert counts("cp1251.eml")[:3] == ["1", "0", "0"]
    assert counts("archive.mbox")[:3] == ["2", "0", "0"]
    assert counts("outlook.msg")[:3] == ["1", "0", "0"]
    # The static script showed the progress bar (no inline script: the CSP allows this one).
    assert page.locator("progress").is_visible()
    assert "/communications/import/" in page.url
    page.screenshot(path=str(artifacts_dir / "mail-import.png"), full_page=True)
    assert Interaction.objects.count() == before + 4

    page.set_input_files("input[type=file]", files)
    page.get_by_role("button", name="Import").click()
    page.locator("tr[data-file='outlook.msg'] td:nth-child(3)", has_text="1").wait_for()

    assert counts("archive.mbox")[:3] == ["0", "2", "0"]
    assert Interaction.objects.count() == before + 4


def test_mailbox_settings_and_a_test_connection_against_dovecot(
    page,
    live_server,
    demo_workspace,
    imap_server,  # noqa: F811
    artifacts_dir,
):
    login(page, live_server)
    page.goto(f"{live_server.url}/communications/")
    page.get_by_role("link", name="Mailbox", exact=True).click()
    page.fill("input[name=name]", "Support")
    page.fill("input[name=host]", "127.0.0.1")
    page.fill("input[name=port]", str(imap_server["port"]))
    page.locator("input[name=use_tls]").uncheck()
    page.fill("input[name=username]", imap_server["user"])
    page.fill("input[name=password]", imap_server["password"])
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Mailbox settings saved.").wait_for()

    assert page.locator("#password-state").inner_text() == "set"
    assert page.locator("input[name=password]").input_value() == ""
    page.get_by_role("button", name="Test connection").click()
    page.get_by_text("Connected: the folder INBOX holds 0 messages.").wait_for()
    page.screenshot(path=str(artifacts_dir / "mailbox-settings.png"), full_page=True)

    page.fill("input[name=folder]", "Archive-that-does-not-exist")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Test connection").click()
    page.get_by_text("cannot be opened").wait_for()
