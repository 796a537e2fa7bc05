"""E-mail import: encodings, broken headers, HTML-only mail, duplicates, quarantine, resuming."""

import mailbox
from pathlib import Path

import pytest
from click.testing import CliRunner

from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.ingestion.importer import (
    DUPLICATE,
    IMPORTED,
    QUARANTINED,
    iter_mail_files,
    mail_import,
    mail_import_many,
    quarantine_retry,
)
from accord.communications.models import Interaction, QuarantinedMessage
from accord.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
MAIL = Path(__file__).parent / "fixtures" / "mail"


def raw(name: str) -> bytes:
    return (MAIL / name).read_bytes()


@pytest.fixture
def sevlog(workspace):
    client = ClientFactory(
        workspace=workspace, name="Sevlog", email_domains=["sevlog.ru"], language="ru"
    )
    contact = ContactFactory(client=client, name="Елена Кравец", email="kravets@sevlog.ru")
    project = ProjectFactory(client=client, name="ERP")
    return client, contact, project


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cp1251.eml", "Когда будет готов этап 2?"),
        ("koi8r_qp.eml", "Счёт оплатим в следующем месяце"),
        ("iso8859_2_b64.eml", "sklep nie działa od rana"),
        ("mislabeled_utf8.eml", "акт сверки за февраль"),
        ("mislabeled_latin1.eml", "Пользователи всех трёх складов жалуются"),
    ],
)
def test_charsets_are_decoded(workspace, name, expected):
    result = mail_import(workspace=workspace, raw=raw(name), source=name)

    assert result.status == IMPORTED
    assert expected in result.interaction.body_text
    assert bytes(result.interaction.raw) == raw(name)


def test_encoded_headers_and_contact_matching(workspace, sevlog):
    client, contact, project = sevlog

    interaction = mail_import(workspace=workspace, raw=raw("cp1251.eml")).interaction

    assert interaction.subject == "Этап 2"
    assert interaction.sender_name == "Елена Кравец"
    assert (interaction.sender_contact, interaction.client, interaction.project) == (
        contact,
        client,
        project,
    )
    assert interaction.direction == "in"
    assert interaction.language == "ru"
    assert interaction.signature.startswith("С уважением")
    assert "С уважением" not in interaction.body_text


def test_unknown_domain_is_matched_by_client_domain(workspace, sevlog):
    client, _contact, _project = sevlog

    message = (
        b"From: Igor <morozov@sevlog.ru>\r\nSubject: hi\r\nMessage-ID: <m@sevlog.ru>\r\n\r\nHello"
    )
    interaction = mail_import(workspace=workspace, raw=message).interaction

    assert interaction.sender_contact is None and interaction.client == client


def test_html_only_mail_is_text_for_analysis_and_sanitised_for_display(workspace):
    interaction = mail_import(workspace=workspace, raw=raw("html_only.eml")).interaction

    assert "booking page" in interaction.body_text
    assert "<script" not in interaction.body_html and "alert" not in interaction.body_html
    assert "onclick" not in interaction.body_html and "javascript:" not in interaction.body_html
    assert "tracker.example" not in interaction.body_html
    assert "<b>booking page</b>" in interaction.body_html


def test_missing_message_id_and_date_still_import_once(workspace):
    first = mail_import(workspace=workspace, raw=raw("no_id_no_date.eml"))
    second = mail_import(workspace=workspace, raw=raw("no_id_no_date.eml"))

    assert (first.status, second.status) == (IMPORTED, DUPLICATE)
    assert first.interaction.message_id.endswith("@generated.accord>")
    assert any("Message-ID missing" in note for note in first.interaction.parse_warnings)
    assert Interaction.objects.count() == 1


def test_broken_headers_are_noted_not_fatal(workspace):
    interaction = mail_import(workspace=workspace, raw=raw("broken_headers.eml")).interaction

    assert interaction.body_text == "Hello, is anyone there?"
    assert any("Date header unreadable" in note for note in interaction.parse_warnings)
    assert interaction.sender_address == ""


def test_attachments_are_stored_and_quote_split(workspace):
    interaction = mail_import(workspace=workspace, raw=raw("multipart_attachment.eml")).interaction

    attachment = interaction.attachments.get()
    assert attachment.filename == "uwagi.pdf" and attachment.size > 500
    assert attachment.file.read().startswith(b"%PDF")
    assert (
        interaction.body_text == "Nie o to nam chodziło, kolory są zupełnie inne niż na makiecie."
    )
    assert "Wrzuciliśmy nowy szablon." in interaction.quoted_text
    assert interaction.in_reply_to == "<out-1@studio.example>"
    assert interaction.references == ["<out-0@studio.example>", "<out-1@studio.example>"]


def test_size_cap_cuts_analysis_text_but_keeps_raw(workspace, monkeypatch):
    monkeypatch.setenv("ACCORD_MAIL_MAX_BODY_CHARS", "1000")
    body = ("Very long line of text. " * 10_000).encode()
    message = (
        b"From: a@b.example\r\nTo: c@d.example\r\nSubject: huge\r\nMessage-ID: <huge@b.example>\r\n\r\n"
        + body
    )

    interaction = mail_import(workspace=workspace, raw=message).interaction

    assert len(interaction.body_text) <= 1000
    assert bytes(interaction.raw) == message
    assert any("cut for analysis" in note for note in interaction.parse_warnings)


@pytest.mark.parametrize("name", ["junk.eml", "empty.eml"])
def test_unreadable_input_goes_to_quarantine_with_its_bytes(workspace, name):
    result = mail_import(workspace=workspace, raw=raw(name), source=name)

    assert result.status == QUARANTINED
    entry = QuarantinedMessage.objects.get()
    assert bytes(entry.raw) == raw(name) and entry.reason
    assert not Interaction.objects.exists()


def test_quarantine_retry_after_fix_imports_and_resolves(workspace):
    broken = b"garbage-without-headers"
    mail_import(workspace=workspace, raw=broken, source="bad.eml")
    entry = QuarantinedMessage.objects.get()
    # The "fix": an operator repairs the stored bytes (or a parser fix lands), then retries.
    entry.raw = (
        b"From: x@y.example\r\nSubject: fixed\r\nMessage-ID: <fixed@y.example>\r\n\r\nNow readable."
    )
    entry.save()

    result = quarantine_retry(entry=entry)

    entry.refresh_from_db()
    assert result.status == IMPORTED
    assert entry.resolved_at is not None and entry.resolved_interaction == result.interaction


def test_one_bad_message_does_not_stop_a_batch(workspace):
    items = [
        (name, raw(name)) for name in ["cp1251.eml", "junk.eml", "html_only.eml", "cp1251.eml"]
    ]

    summary = mail_import_many(workspace=workspace, items=items)

    assert (summary.imported, summary.quarantined, summary.duplicates) == (2, 1, 1)


def test_interrupted_import_rerun_ends_with_one_copy_each(workspace):
    names = sorted(
        path.name for path in MAIL.glob("*.eml") if path.name not in {"junk.eml", "empty.eml"}
    )
    items = [(name, raw(name)) for name in names]
    mail_import_many(workspace=workspace, items=items[:4])  # the first run stopped half-way

    summary = mail_import_many(workspace=workspace, items=items)

    assert summary.imported == len(items) - 4 and summary.duplicates == 4
    assert Interaction.objects.count() == len(items)
    assert Interaction.objects.values("message_id").distinct().count() == len(items)


def test_mbox_and_directories_are_read(tmp_path, workspace):
    box = mailbox.mbox(str(tmp_path / "archive.mbox"))
    for name in ["cp1251.eml", "iso8859_2_b64.eml"]:
        box.add(raw(name))
    box.flush()
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "one.eml").write_bytes(raw("html_only.eml"))

    items = list(iter_mail_files([tmp_path / "archive.mbox", tmp_path / "dir"]))

    assert len(items) == 3
    summary = mail_import_many(workspace=workspace, items=items)
    assert summary.imported == 3


@pytest.mark.django_db(transaction=True)
def test_import_mail_command_prints_summary(workspace):
    from accord.cli import cli

    result = CliRunner().invoke(cli, ["import-mail", str(MAIL)])
    again = CliRunner().invoke(cli, ["import-mail", str(MAIL)])

    assert result.exit_code == 0, result.output
    # Nine .eml files and one Outlook .msg, converted as on the upload page.
    assert "imported: 10, duplicates: 0, quarantined: 2" in result.output
    assert "imported: 0, duplicates: 10, quarantined: 2" in again.output
    assert QuarantinedMessage.objects.get(source__endswith="junk.eml").attempts == 2
