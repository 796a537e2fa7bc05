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
from django.utils import timezone, translation
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
    """The password to log in with; a DomainError in the active language when there is none."""
    from django.utils.translation import gettext as _

    from ..reasons import MAILBOX_PASSWORD_ENVIRONMENT, MAILBOX_PASSWORD_UNREADABLE

    if mailbox.password_env:
        value = os.environ.get(mailbox.password_env)
        if value is None:
            raise DomainError(_(MAILBOX_PASSWORD_ENVIRONMENT) % {"name": mailbox.password_env})
        return value
    if not mailbox.password_encrypted:
        return ""
    try:
        return _fernet().decrypt(mailbox.password_encrypted.encode()).decode()
    except InvalidToken as error:
        raise DomainError(_(MAILBOX_PASSWORD_UNREADABLE)) from error


def mailbox_fetch(*, mailbox: Mailbox, ssl_context: ssl.SSLContext | None = None) -> ImportSummary:
    """Fetch what arrived since the last run; a changed UIDVALIDITY starts the folder over."""
    client = IMAPClient(
        mailbox.host, port=mailbox.port, ssl=mailbox.use_tls, ssl_context=ssl_context, timeout=60
    )
    try:
        # The error stored in last_error stays in English; the page translates it when shown.
        with translation.override("en"):
            password = mailbox_password(mailbox)
        client.login(mailbox.username, password)
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


MAILBOX_FIELDS = ("name", "host", "port", "use_tls", "username", "folder", "is_active")


def mailbox_save(
    *, workspace, mailbox: Mailbox | None, values: dict, password: str = ""
) -> Mailbox:
    """Create or change a workspace's mailbox; an empty password keeps the stored one."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from accord.communications.selectors import MAILBOXES_PER_WORKSPACE

    if mailbox is not None and mailbox.workspace_id != workspace.pk:
        raise DomainError(_("This mailbox belongs to another workspace."))
    if (
        mailbox is None
        and Mailbox.objects.filter(workspace=workspace).count() >= MAILBOXES_PER_WORKSPACE
    ):
        raise DomainError(
            ngettext(
                "A workspace has at most %(count)d mailbox.",
                "A workspace has at most %(count)d mailboxes.",
                MAILBOXES_PER_WORKSPACE,
            )
            % {"count": MAILBOXES_PER_WORKSPACE}
        )
    with transaction.atomic():
        mailbox = mailbox or Mailbox(workspace=workspace)
        for name in MAILBOX_FIELDS:
            setattr(mailbox, name, values[name])
        mailbox.save()
        if password:
            mailbox_password_set(mailbox=mailbox, password=password)
    return mailbox


def mailbox_connection_test(*, mailbox: Mailbox, ssl_context: ssl.SSLContext | None = None) -> int:
    """Log in and open the folder (read-only, nothing fetched); the number of messages in it.

    Every failure is a DomainError whose text says what went wrong, for the settings page.
    """
    from django.utils.translation import gettext as _
    from imapclient.exceptions import IMAPClientError, LoginError

    password = mailbox_password(mailbox)
    try:
        client = IMAPClient(
            mailbox.host,
            port=mailbox.port,
            ssl=mailbox.use_tls,
            ssl_context=ssl_context,
            timeout=15,
        )
    except (OSError, ssl.SSLError) as error:
        raise DomainError(
            _("Cannot reach %(host)s:%(port)s: %(error)s")
            % {"host": mailbox.host, "port": mailbox.port, "error": error}
        ) from error
    try:
        try:
            client.login(mailbox.username, password)
        except LoginError as error:
            raise DomainError(_("The server refused the user or the password.")) from error
        try:
            status = client.select_folder(mailbox.folder, readonly=True)
        except IMAPClientError as error:
            raise DomainError(
                _("Logged in, but the folder %(folder)s cannot be opened: %(error)s")
                % {"folder": mailbox.folder, "error": error}
            ) from error
        return int(status.get(b"EXISTS", 0))
    except (OSError, IMAPClientError) as error:
        raise DomainError(_("The connection failed: %(error)s") % {"error": error}) from error
    finally:
        with contextlib.suppress(Exception):
            client.logout()
