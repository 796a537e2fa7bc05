"""Incremental IMAP fetching with imapclient: UIDVALIDITY plus the last UID seen."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import ssl

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from imapclient import IMAPClient

from accord.core.errors import DomainError

from ..models import Mailbox
from .importer import ImportSummary, mail_import_many

FETCH_BATCH = 200


def _fernet() -> Fernet:
    key = hashlib.sha256(("accord-mailbox:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def mailbox_password_set(*, mailbox: Mailbox, password: str) -> None:
    mailbox.password_encrypted = _fernet().encrypt(password.encode()).decode()
    mailbox.save(update_fields=["password_encrypted", "updated_at"])


def mailbox_password(mailbox: Mailbox) -> str:
    if mailbox.password_env:
        value = os.environ.get(mailbox.password_env)
        if value is None:
            raise DomainError(f"The environment variable {mailbox.password_env} is not set.")
        return value
    if not mailbox.password_encrypted:
        return ""
    try:
        return _fernet().decrypt(mailbox.password_encrypted.encode()).decode()
    except InvalidToken as error:
        raise DomainError(
            "The stored password cannot be read (the SECRET_KEY changed?); enter it again."
        ) from error


def mailbox_fetch(*, mailbox: Mailbox, ssl_context: ssl.SSLContext | None = None) -> ImportSummary:
    """Fetch what arrived since the last run; a changed UIDVALIDITY starts the folder over."""
    client = IMAPClient(
        mailbox.host, port=mailbox.port, ssl=mailbox.use_tls, ssl_context=ssl_context, timeout=60
    )
    try:
        client.login(mailbox.username, mailbox_password(mailbox))
        status = client.select_folder(mailbox.folder, readonly=True)
        uid_validity = int(status[b"UIDVALIDITY"])
        last_uid = mailbox.last_uid if mailbox.uid_validity == uid_validity else 0
        uids = sorted(uid for uid in client.search(["UID", f"{last_uid + 1}:*"]) if uid > last_uid)
        summary = ImportSummary()
        for start in range(0, len(uids), FETCH_BATCH):
            chunk = uids[start : start + FETCH_BATCH]
            fetched = client.fetch(chunk, ["RFC822"])
            items = [
                (f"imap:{mailbox.folder}:{uid}", fetched[uid][b"RFC822"])
                for uid in chunk
                if uid in fetched
            ]
            part = mail_import_many(workspace=mailbox.workspace, items=items)
            for name in ("imported", "duplicates", "quarantined", "unknown_senders"):
                setattr(summary, name, getattr(summary, name) + getattr(part, name))
            # Remember progress after every batch: an interrupted fetch resumes where it stopped.
            with transaction.atomic():
                Mailbox.objects.filter(pk=mailbox.pk).update(
                    uid_validity=uid_validity,
                    last_uid=chunk[-1],
                    last_fetched_at=timezone.now(),
                    last_error="",
                )
        Mailbox.objects.filter(pk=mailbox.pk).update(
            uid_validity=uid_validity, last_fetched_at=timezone.now()
        )
        mailbox.refresh_from_db()
        return summary
    except Exception as error:
        Mailbox.objects.filter(pk=mailbox.pk).update(last_error=str(error)[:1000])
        raise
    finally:
        with contextlib.suppress(Exception):  # the connection may already be gone
            client.logout()
