"""Quarantine reasons and mailbox errors: stored in one English form, shown translated."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from accord.communications.ingestion.mailbox import (
    mailbox_connection_test,
    mailbox_fetch,
    mailbox_save,
)
from accord.communications.ingestion.parse import parse_message
from accord.communications.models import Interaction, Mailbox, QuarantinedMessage
from accord.communications.reasons import (
    mailbox_error_text,
    parse_warning_text,
    quarantine_reason_text,
    send_error_text,
)
from accord.core.errors import DomainError

from .test_imap import imap_server  # noqa: F401 - the real Dovecot fixture
from .test_mailbox_settings import values

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "stored", "shown"),
    [
        ("pl", "empty message", "Wiadomość jest pusta."),
        ("ru", "no e-mail headers found", "Не найдены заголовки письма."),
        ("en", "binary data, not an e-mail", "Binary data, not an e-mail."),
        (
            "ru",
            "unreadable Outlook message: OleFileError: not an OLE2 file",
            "Не удаётся прочитать письмо Outlook: OleFileError: not an OLE2 file",
        ),
        (
            "pl",
            "unexpected error: ValueError: bad",
            "Nieoczekiwany błąd podczas importu: ValueError: bad",
        ),
        ("pl", "a reason from elsewhere", "a reason from elsewhere"),
    ],
)
def test_quarantine_reasons_in_each_language(language, stored, shown):
    with translation.override(language):
        assert quarantine_reason_text(stored) == shown


def _polish(member_client, member):
    member.language = "pl"
    member.save(update_fields=["language"])
    return member_client


def test_the_import_and_quarantine_pages_word_the_reason_in_the_members_language(
    member_client, member, workspace
):
    client = _polish(member_client, member)

    imported = client.post(
        "/communications/import/",
        {"files": [SimpleUploadedFile("blank.eml", b"   \n", "message/rfc822")]},
    ).content.decode()
    quarantine = client.get("/communications/quarantine/").content.decode()

    assert QuarantinedMessage.objects.get(workspace=workspace).reason == "empty message"
    assert "Wiadomość jest pusta." in imported and "empty message" not in imported
    assert "Wiadomość jest pusta." in quarantine and "empty message" not in quarantine


def _without_password(workspace, **changes) -> Mailbox:
    mailbox = mailbox_save(workspace=workspace, mailbox=None, values=values(**changes))
    Mailbox.objects.filter(pk=mailbox.pk).update(password_env="ACCORD_TEST_NO_SUCH_PASSWORD")
    mailbox.refresh_from_db()
    return mailbox


def test_a_missing_password_variable_is_named_in_the_active_language(workspace, monkeypatch):
    monkeypatch.delenv("ACCORD_TEST_NO_SUCH_PASSWORD", raising=False)
    mailbox = _without_password(workspace)

    with translation.override("ru"), pytest.raises(DomainError) as refused:
        mailbox_connection_test(mailbox=mailbox)

    assert refused.value.message == ("Переменная окружения ACCORD_TEST_NO_SUCH_PASSWORD не задана.")


def test_the_poll_stores_the_error_in_english_and_the_page_translates_it(
    member_client,
    member,
    workspace,
    monkeypatch,
    imap_server,  # noqa: F811
):
    monkeypatch.delenv("ACCORD_TEST_NO_SUCH_PASSWORD", raising=False)
    mailbox = _without_password(workspace, port=imap_server["port"])
    client = _polish(member_client, member)

    with translation.override("pl"), pytest.raises(DomainError):
        mailbox_fetch(mailbox=mailbox)

    stored = Mailbox.objects.get(pk=mailbox.pk).last_error
    page = client.get(f"/communications/mailbox/{mailbox.pk}/").content.decode()
    listing = client.get("/communications/mailbox/").content.decode()

    assert stored == "The environment variable ACCORD_TEST_NO_SUCH_PASSWORD is not set."
    shown = "Zmienna środowiskowa ACCORD_TEST_NO_SUCH_PASSWORD nie jest ustawiona."
    assert shown in page and shown in listing
    with translation.override("pl"):
        assert mailbox_error_text("IMAP4 error: boom") == "IMAP4 error: boom"


# E-mails that make the parser keep notes: no Date/Message-ID/From address, a wrong charset,
# an unreadable date, a body above the cap, an attachment above the cap.
_NOTED_MAIL = [
    b"Subject: hi\r\n\r\nno date, no id, no sender\r\n",
    b"From: a@example.com\r\nDate: yesterday-ish\r\nMessage-ID: <x@y>\r\n"
    b"Content-Type: text/plain; charset=x-no-such\r\n\r\n\xcf\xf0\xe8\xe2\xe5\xf2\r\n",
    b"From: a@example.com\r\nDate: Mon, 1 Jan 9999 10:00:00 +0000\r\nMessage-ID: <z@y>\r\n"
    b"Content-Type: text/plain; charset=us-ascii\r\n\r\n" + b"x" * 120 + b"\r\n",
    b"From: a@example.com\r\nMessage-ID: <w@y>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n'
    b"see attached\r\n--b\r\nContent-Type: application/pdf\r\n"
    b'Content-Disposition: attachment; filename="big.pdf"\r\n\r\n' + b"%" * 300 + b"\r\n--b--\r\n",
]


def _notes() -> list[str]:
    notes = []
    for raw in _NOTED_MAIL:
        notes += parse_message(raw, max_body_chars=100, max_attachment_bytes=100).warnings
    return notes


def test_every_parsing_note_the_parser_keeps_is_worded_in_russian_and_polish():
    notes = _notes()
    assert len(notes) >= 6  # the sample above really produces notes

    for language in ("ru", "pl"):
        with translation.override(language):
            shown = [parse_warning_text(note) for note in notes]
        untranslated = [note for note, text in zip(notes, shown, strict=True) if note == text]
        assert untranslated == [], (language, untranslated)
    with translation.override("en"):
        assert parse_warning_text("a note from elsewhere") == "a note from elsewhere"
        assert parse_warning_text(
            "body above 500000 characters; cut for analysis (the original is kept)"
        ) == (
            "The text is longer than 500,000 characters; only the start is analysed "
            "(the original is kept)."
        )


def test_the_message_page_shows_the_parsing_notes_in_the_members_language(
    member_client, member, workspace
):
    client = _polish(member_client, member)
    client.post(
        "/communications/import/",
        {"files": [SimpleUploadedFile("plain.eml", _NOTED_MAIL[0], "message/rfc822")]},
    )
    interaction = Interaction.objects.get(workspace=workspace)
    assert "Date header missing" in interaction.parse_warnings

    page = client.get(f"/communications/messages/{interaction.pk}/").content.decode()

    assert "Brak nagłówka Date." in page
    assert "Date header missing" not in page


@pytest.mark.parametrize(
    ("language", "stored", "shown"),
    [
        (
            "pl",
            "recipient refused — ewa@example.pl: 550 No such user",
            "Serwer poczty odrzucił odbiorcę: ewa@example.pl: 550 No such user",
        ),
        (
            "ru",
            "SMTP 421: Service not available",
            "Почтовый сервер ответил 421: Service not available",
        ),
        (
            "ru",
            "ConnectionRefusedError: [Errno 111] Connection refused",
            "Не удалось связаться с почтовым сервером ([Errno 111] Connection refused).",
        ),
        ("pl", "TimeoutError", "Nie udało się połączyć z serwerem poczty (TimeoutError)."),
        ("en", "SMTP 554: Rejected", "The mail server answered 554: Rejected"),
        ("pl", "ValueError: something else", "ValueError: something else"),
    ],
)
def test_why_an_email_was_not_sent_in_each_language(language, stored, shown):
    with translation.override(language):
        assert send_error_text(stored) == shown
