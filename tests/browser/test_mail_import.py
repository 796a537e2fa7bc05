import mailbox
from pathlib import Path

import pytest

from accord.communications.models import Interaction

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
