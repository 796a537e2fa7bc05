"""Mail files imported from the browser: .eml, .mbox and Outlook .msg through the CLI's import.

``fixtures/mail/outlook.msg`` was written with msgforge (MIT), a pure-Python .msg builder, from
invented text; it has no transport headers, as Outlook's "Save as" often produces.
"""

import mailbox
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.communications.ingestion.importer import mail_files_import
from accord.communications.models import Interaction, QuarantinedMessage
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
MAIL = Path(__file__).parent / "fixtures" / "mail"


def raw(name: str) -> bytes:
    return (MAIL / name).read_bytes()


def mbox_bytes(tmp_path, *names: str) -> bytes:
    box = mailbox.mbox(tmp_path / "box.mbox")
    for name in names:
        box.add(raw(name))
    box.flush()
    box.close()
    return (tmp_path / "box.mbox").read_bytes()


def test_eml_mbox_and_msg_files_give_the_cli_counts_and_are_never_stored_twice(workspace, tmp_path):
    files = [
        ("a.eml", raw("cp1251.eml")),
        ("box.mbox", mbox_bytes(tmp_path, "koi8r_qp.eml", "html_only.eml")),
        ("outlook.msg", raw("outlook.msg")),
    ]

    first = mail_files_import(workspace=workspace, files=files)
    again = mail_files_import(workspace=workspace, files=files)

    assert [(r.name, r.summary.imported, r.summary.duplicates, r.error) for r in first] == [
        ("a.eml", 1, 0, ""),
        ("box.mbox", 2, 0, ""),
        ("outlook.msg", 1, 0, ""),
    ]
    assert [(r.summary.imported, r.summary.duplicates) for r in again] == [(0, 1), (0, 2), (0, 1)]
    assert Interaction.objects.filter(workspace=workspace).count() == 4
    outlook = Interaction.objects.get(workspace=workspace, source="outlook.msg")
    assert outlook.subject == "Outlook: revised homepage copy"
    assert outlook.sender_address == "olga@client.example"
    assert "confirm by Friday" in outlook.body_text
    assert sorted(
        Interaction.objects.filter(workspace=workspace).values_list("source", flat=True)
    ) == ["a.eml", "box.mbox#1", "box.mbox#2", "outlook.msg"]


def test_broken_msg_is_kept_in_quarantine_and_other_kinds_are_refused(workspace):
    broken = b"\xd0\xcf\x11\xe0 not really an Outlook file"

    results = mail_files_import(
        workspace=workspace, files=[("broken.msg", broken), ("notes.pdf", b"%PDF-1.4")]
    )

    assert results[0].summary.quarantined == 1
    assert "could not be read" in results[0].error
    assert results[1].error == "Not a mail file: use .eml, .mbox or .msg files."
    entry = QuarantinedMessage.objects.get(workspace=workspace)
    assert (bytes(entry.raw), entry.source) == (broken, "broken.msg")
    assert entry.reason.startswith("unreadable Outlook message")
    assert not Interaction.objects.exists()


def test_unreadable_eml_shows_its_quarantine_reason(workspace):
    result = mail_files_import(workspace=workspace, files=[("junk.eml", raw("junk.eml"))])[0]

    assert result.summary.quarantined == 1
    assert result.summary.quarantine_reasons == [
        QuarantinedMessage.objects.get(workspace=workspace).reason
    ]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_upload_page_imports_several_files_and_shows_the_summary(member_client, workspace):
    assert member_client.get("/communications/import/").status_code == 200

    response = member_client.post(
        "/communications/import/",
        {"files": [upload("one.eml", raw("cp1251.eml")), upload("o.msg", raw("outlook.msg"))]},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-file="one.eml"' in page and 'data-file="o.msg"' in page
    assert Interaction.objects.filter(workspace=workspace).count() == 2


def test_htmx_upload_returns_only_the_summary(member_client, workspace):
    response = member_client.post(
        "/communications/import/",
        {"files": [upload("one.eml", raw("cp1251.eml"))]},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert 'data-file="one.eml"' in response.content.decode()


def test_too_large_file_is_refused_with_the_limit_and_nothing_stored(
    member_client, workspace, settings
):
    settings.ACCORD_MAIL_UPLOAD_MAX_BYTES = 100

    response = member_client.post(
        "/communications/import/", {"files": [upload("big.eml", raw("cp1251.eml"))]}
    )

    assert response.status_code == 400
    assert "Too large (the limit is 100\xa0bytes per file): big.eml" in response.content.decode()
    assert not Interaction.objects.exists()
    assert not QuarantinedMessage.objects.exists()


def test_upload_goes_to_the_members_own_workspace_and_needs_a_login(client, member_client):
    other = MemberFactory()

    member_client.post("/communications/import/", {"files": [upload("a.eml", raw("cp1251.eml"))]})
    client.logout()
    anonymous = client.post(
        "/communications/import/", {"files": [upload("b.eml", raw("koi8r_qp.eml"))]}
    )

    assert anonymous.status_code == 302
    assert not Interaction.objects.filter(workspace=other.workspace).exists()
    assert Interaction.objects.count() == 1


def test_cli_import_converts_msg_files_like_the_upload_page(workspace, tmp_path):
    from accord.communications.ingestion.importer import iter_mail_files, mail_import_many

    (tmp_path / "outlook.msg").write_bytes(raw("outlook.msg"))
    mail_files_import(workspace=workspace, files=[("outlook.msg", raw("outlook.msg"))])

    summary = mail_import_many(workspace=workspace, items=iter_mail_files([tmp_path]))

    assert (summary.imported, summary.duplicates, summary.quarantined) == (0, 1, 0)
