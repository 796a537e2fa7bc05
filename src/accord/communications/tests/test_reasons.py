"""Quarantine reasons and mailbox errors: stored in one English form, shown translated."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from accord.communications.ingestion.mailbox import (
    mailbox_connection_test,
    mailbox_fetch,
    mailbox_save,
)
from accord.communications.models import Mailbox, QuarantinedMessage
from accord.communications.reasons import mailbox_error_text, quarantine_reason_text
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
