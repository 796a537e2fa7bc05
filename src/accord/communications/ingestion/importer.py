"""Importing e-mail: the one path every source (files, mbox, IMAP, retry) goes through."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from accord.textkit.language import detect_language
from accord.textkit.replies import split_reply

from ..models import Attachment, Interaction, QuarantinedMessage
from .match import Matcher
from .parse import ParsedMessage, UnreadableMessage, content_hash, msg_to_eml, parse_message

IMPORTED, DUPLICATE, QUARANTINED = "imported", "duplicate", "quarantined"
BATCH_SIZE = 200
_MESSAGE_ID = re.compile(rb"^message-id:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)


def _message_id_guess(raw: bytes) -> str:
    """The Message-ID from the raw header block, to look duplicates up for a whole batch at once."""
    head = raw[: raw.find(b"\r\n\r\n") if b"\r\n\r\n" in raw[:65536] else 65536]
    match = _MESSAGE_ID.search(head)
    return match.group(1).decode("ascii", "replace") if match else ""


@dataclass
class ImportResult:
    status: str
    interaction: Interaction | None = None
    reason: str = ""
    unknown_sender: bool = False


# The database went away (restart, network): the import stops and reports it; nothing is
# quarantined for it, and running the same import again stores the rest.
DatabaseUnavailable = (OperationalError, InterfaceError)


@dataclass
class ImportSummary:
    imported: int = 0
    duplicates: int = 0
    quarantined: int = 0
    unknown_senders: int = 0
    interaction_ids: list[int] = field(default_factory=list)
    triage_queued: int = 0
    quarantine_reasons: list[str] = field(default_factory=list)

    def add(self, result: ImportResult) -> None:
        if result.status == IMPORTED:
            self.imported += 1
            self.interaction_ids.append(result.interaction.pk)
            self.unknown_senders += int(result.unknown_sender)
        elif result.status == DUPLICATE:
            self.duplicates += 1
        else:
            self.quarantined += 1
            self.quarantine_reasons.append(result.reason)


def _caps() -> tuple[int, int]:
    return (
        int(
            os.environ.get(
                "ACCORD_MAIL_MAX_BODY_CHARS",
                getattr(settings, "ACCORD_MAIL_MAX_BODY_CHARS", 500_000),
            )
        ),
        int(
            os.environ.get(
                "ACCORD_MAIL_MAX_ATTACHMENT_BYTES",
                getattr(settings, "ACCORD_MAIL_MAX_ATTACHMENT_BYTES", 20_000_000),
            )
        ),
    )


def _quarantine(*, workspace, raw: bytes, source: str, reason: str) -> ImportResult:
    digest = content_hash(raw)
    with transaction.atomic():
        entry, created = QuarantinedMessage.objects.get_or_create(
            workspace=workspace,
            content_hash=digest,
            defaults={"raw": raw, "source": source[:300], "reason": reason},
        )
        if not created:
            entry.attempts += 1
            entry.reason = reason
            entry.save(update_fields=["attempts", "reason", "updated_at"])
    return ImportResult(QUARANTINED, reason=reason)


def _thread_project(workspace, parsed: ParsedMessage):
    ids = [value for value in [parsed.in_reply_to, *parsed.references] if value]
    if not ids:
        return None, ""
    parent = (
        Interaction.objects.filter(workspace=workspace, message_id__in=ids)
        .only("project_id", "thread_key")
        .order_by("occurred_at")
        .first()
    )
    if parent is None:
        return None, ids[0]
    return parent.project_id, parent.thread_key or ids[0]


def mail_import(
    *,
    workspace,
    raw: bytes,
    source: str = "",
    matcher: Matcher | None = None,
    triage: bool = True,
    known_ids: set[str] | None = None,
) -> ImportResult:
    """Store one e-mail once. Unreadable mail goes to quarantine; nothing is ever dropped."""
    max_body, max_attachment = _caps()
    try:
        parsed = parse_message(raw, max_body_chars=max_body, max_attachment_bytes=max_attachment)
    except UnreadableMessage as error:
        return _quarantine(workspace=workspace, raw=raw, source=source, reason=str(error))
    if known_ids is not None:
        if parsed.message_id[:500] in known_ids:
            return ImportResult(DUPLICATE)
    elif Interaction.objects.filter(
        workspace=workspace, message_id=parsed.message_id[:500]
    ).exists():
        return ImportResult(DUPLICATE)
    matcher = matcher or Matcher(workspace)
    outbound = matcher.is_team(parsed.sender_address)
    contact = None if outbound else matcher.contact(parsed.sender_address)
    if outbound:
        client_id = next(
            (cid for cid in map(matcher.client_id_for, parsed.recipients) if cid), None
        )
    else:
        client_id = matcher.client_id_for(parsed.sender_address)
    thread_project_id, thread_key = _thread_project(workspace, parsed)
    project_id = thread_project_id
    if project_id is None:
        project = matcher.project_for(client_id, parsed.subject)
        project_id = project.pk if project else None
    split = split_reply(parsed.text)
    warnings = list(parsed.warnings)
    occurred_at = parsed.date or timezone.now()
    if parsed.date is None:
        warnings.append("time of import used as the message time")
    try:
        with transaction.atomic():
            interaction = Interaction.objects.create(
                workspace=workspace,
                project_id=project_id,
                client_id=client_id,
                channel=Interaction.Channel.EMAIL,
                direction=Interaction.Direction.OUTBOUND
                if outbound
                else Interaction.Direction.INBOUND,
                occurred_at=occurred_at,
                subject=parsed.subject,
                sender_address=parsed.sender_address,
                sender_name=parsed.sender_name,
                sender_contact=contact,
                recipients=parsed.recipients,
                body_text=split.new_text,
                quoted_text=split.quoted_text,
                signature=split.signature,
                body_html=parsed.html,
                language=detect_language(split.new_text),
                message_id=parsed.message_id[:500],
                in_reply_to=parsed.in_reply_to[:500],
                references=parsed.references,
                thread_key=(thread_key or parsed.message_id)[:500],
                content_hash=parsed.content_hash,
                raw=raw,
                source=source[:300],
                parse_warnings=warnings,
            )
            recipients = [matcher.contact(address) for address in parsed.recipients]
            if any(recipients):
                interaction.recipient_contacts.set(
                    [item for item in recipients if item is not None]
                )
            for item in parsed.attachments:
                attachment = Attachment(
                    workspace=workspace,
                    interaction=interaction,
                    filename=item.filename[:255],
                    content_type=item.content_type[:120],
                    size=len(item.content),
                    truncated=item.truncated,
                )
                if item.content:
                    attachment.file.save(
                        Path(item.filename).name[:100] or "attachment.bin",
                        ContentFile(item.content),
                        save=False,
                    )
                attachment.save()
            if interaction.direction == Interaction.Direction.INBOUND:
                from accord.webhooks.announce import interaction_received_announce

                interaction_received_announce(interaction=interaction)
                if triage:
                    _triage_on_commit([interaction.pk])
    except IntegrityError:
        # Another worker stored the same Message-ID a moment ago: a duplicate, not a failure.
        if Interaction.objects.filter(
            workspace=workspace, message_id=parsed.message_id[:500]
        ).exists():
            return ImportResult(DUPLICATE)
        raise
    if known_ids is not None:
        known_ids.add(interaction.message_id)
    return ImportResult(IMPORTED, interaction, unknown_sender=not outbound and client_id is None)


def _triage_on_commit(interaction_ids: list[int]) -> None:
    from accord.triage.services import interactions_triage_later

    transaction.on_commit(lambda: interactions_triage_later(interaction_ids=interaction_ids))


def quarantine_retry(*, entry: QuarantinedMessage) -> ImportResult:
    """Parse a quarantined message again (after a fix); on success it leaves the list."""
    result = mail_import(workspace=entry.workspace, raw=bytes(entry.raw), source=entry.source)
    if result.status in (IMPORTED, DUPLICATE):
        entry.resolved_at = timezone.now()
        entry.resolved_interaction = result.interaction
        entry.save(update_fields=["resolved_at", "resolved_interaction", "updated_at"])
    return result


def iter_mail_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, bytes]]:
    """(label, raw bytes) for .eml, Outlook .msg and mbox files, and directories of them."""
    import mailbox

    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() == ".msg":
                    yield from iter_mail_files([child])
                elif child.is_file() and child.suffix.lower() in {".eml", ".txt", ""}:
                    yield str(child), child.read_bytes()
                elif child.is_file() and child.suffix.lower() == ".mbox":
                    yield from iter_mail_files([child])
        elif path.suffix.lower() == ".mbox" or _looks_like_mbox(path):
            box = mailbox.mbox(str(path), create=False)
            for index, key in enumerate(box.iterkeys()):
                yield f"{path}#{index + 1}", box.get_bytes(key)
        elif path.suffix.lower() == ".msg":
            raw = path.read_bytes()
            try:
                yield str(path), msg_to_eml(raw)
            except Exception:  # noqa: BLE001 - the parser quarantines the original bytes
                yield str(path), raw
        else:
            yield str(path), path.read_bytes()


def _looks_like_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def count_mail_files(paths: Iterable[str | Path]) -> int:
    return sum(1 for _ in iter_mail_files(paths))


def mail_import_many(
    *,
    workspace,
    items: Iterable[tuple[str, bytes]],
    on_progress=None,
    summary: ImportSummary | None = None,
) -> ImportSummary:
    """Import a batch; one bad message never stops it. Re-running it stores nothing twice.

    A database that goes away stops the import (``DatabaseUnavailable`` is raised; ``summary``,
    when passed, tells what was stored before).
    """
    summary = summary if summary is not None else ImportSummary()
    matcher = Matcher(workspace)
    pending_triage: list[int] = []
    batch: list[tuple[str, bytes]] = []

    def flush() -> None:
        # One transaction per batch (each message in its own savepoint): far fewer disk syncs,
        # and an interrupted run loses at most the open batch, which the next run imports.
        ids = [_message_id_guess(raw) for _, raw in batch]
        with transaction.atomic():
            known = set(
                Interaction.objects.filter(
                    workspace=workspace, message_id__in=[i for i in ids if i]
                ).values_list("message_id", flat=True)
            )
            for label, raw in batch:
                try:
                    with transaction.atomic():
                        result = mail_import(
                            workspace=workspace,
                            raw=raw,
                            source=label,
                            matcher=matcher,
                            triage=False,
                            known_ids=known,
                        )
                except DatabaseUnavailable:
                    raise  # not the message's fault: stop, the next run imports the rest
                except Exception as error:  # noqa: BLE001 - never lose a message: quarantine it
                    result = _quarantine(
                        workspace=workspace,
                        raw=raw,
                        source=label,
                        reason=f"unexpected error: {error.__class__.__name__}: {error}",
                    )
                summary.add(result)
                if (
                    result.status == IMPORTED
                    and result.interaction.direction == Interaction.Direction.INBOUND
                ):
                    pending_triage.append(result.interaction.pk)
        if on_progress:
            on_progress(len(batch))
        batch.clear()

    for label, raw in items:
        batch.append((label, raw))
        if len(batch) >= BATCH_SIZE:
            flush()
    if batch:
        flush()
    # Every stored inbound message is pending triage in the database; triage all pending ones,
    # which includes those of an earlier run that was interrupted before it got here.
    from accord.triage.services import interactions_triage_later

    summary.triage_queued = len(pending_triage)
    interactions_triage_later(interaction_ids=None)
    return summary


UPLOAD_SUFFIXES = (".eml", ".mbox", ".msg")


@dataclass
class FileImportResult:
    """What one uploaded file gave: the same counts as `accord import-mail`, or why it failed."""

    name: str
    summary: ImportSummary
    error: str = ""


def _mbox_messages(raw: bytes, name: str) -> Iterator[tuple[str, bytes]]:
    import mailbox
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".mbox") as handle:
        handle.write(raw)
        handle.flush()
        box = mailbox.mbox(handle.name, create=False)
        messages = [box.get_bytes(key) for key in box.iterkeys()]
    for index, message in enumerate(messages):
        yield f"{name}#{index + 1}", message


def mail_files_import(*, workspace, files: Iterable[tuple[str, bytes]]) -> list[FileImportResult]:
    """Import uploaded .eml, .mbox and .msg files, each through `mail_import_many`.

    A file that cannot even be opened (a broken .msg) is quarantined whole with the reason, so
    its bytes are kept; a file of another kind is refused and nothing of it is stored.
    """
    from django.utils.translation import gettext as _

    results = []
    for name, raw in files:
        suffix = Path(name).suffix.lower()
        summary = ImportSummary()
        if suffix not in UPLOAD_SUFFIXES:
            results.append(
                FileImportResult(
                    name,
                    summary,
                    _("Not a mail file: use .eml, .mbox or .msg files."),
                )
            )
            continue
        if suffix == ".mbox":
            items: Iterable[tuple[str, bytes]] = _mbox_messages(raw, name)
        elif suffix == ".msg":
            try:
                items = [(name, msg_to_eml(raw))]
            except Exception as error:  # noqa: BLE001 - any library failure: keep the bytes
                reason = f"unreadable Outlook message: {error.__class__.__name__}: {error}"
                summary.add(_quarantine(workspace=workspace, raw=raw, source=name, reason=reason))
                results.append(
                    FileImportResult(
                        name,
                        summary,
                        _("This .msg file could not be read; it is kept in the quarantine."),
                    )
                )
                continue
        else:
            items = [(name, raw)]
        mail_import_many(workspace=workspace, items=items, summary=summary)
        results.append(FileImportResult(name, summary))
    return results
