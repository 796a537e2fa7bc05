"""The outbox: every e-mail Accord sends is recorded first, then sent by the task consumer.

``outbox_enqueue`` stores the e-mail as an outbound interaction (the timeline record) with an
:class:`~accord.communications.models.OutgoingEmail` in state *queued*, in the caller's
transaction; after the commit a task sends it. A failure that may pass (server down, timeout, a
temporary 4xx answer) is retried with backoff up to ``ACCORD_MAIL_MAX_ATTEMPTS`` tries; a
permanent one (recipient refused, 5xx) marks it *failed* with the reason at once. Sending is
claimed with one UPDATE (accord.core.work), so two consumers never send the same e-mail, and a
consumer that dies while sending leaves it to the periodic sweep. Other apps learn the outcome
from the ``email_sent`` and ``email_failed`` signals (a change request counts as sent only when
its e-mail was).
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import get_random_string

from accord.core.errors import DomainError
from accord.core.events import acting_user, event_record
from accord.core.masking import secrets_mask
from accord.core.work import WorkQueue, WorkState

from .models import Interaction, OutgoingAttachment, OutgoingEmail

logger = logging.getLogger(__name__)

# sender: OutgoingEmail; kwargs: outgoing, interaction (and reason for email_failed)
email_sent = Signal()
email_failed = Signal()


def max_attempts() -> int:
    return max(1, int(os.environ.get("ACCORD_MAIL_MAX_ATTEMPTS", "8")))


def retry_delay(attempts: int) -> float:
    """ACCORD_MAIL_RETRY_SECONDS after the first failure, doubling, at most six hours."""
    base = float(os.environ.get("ACCORD_MAIL_RETRY_SECONDS", "60"))
    return min(6 * 3600.0, base * 2 ** max(0, attempts - 1))


OUTBOX = WorkQueue(OutgoingEmail, prefix="work_", max_attempts=max_attempts, backoff=retry_delay)


def header_safe(value: str, limit: int = 900) -> str:
    """One line of header text from any title: line breaks and control characters become spaces.

    ``str.split()`` splits on every Unicode line break (CR, LF, VT, FF, NEL, U+2028 …), which
    is exactly what may not reach a header.
    """
    text = " ".join(str(value or "").split())
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text[:limit].strip()


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "accord.local"
    domain = header_safe(domain).replace(" ", "") or "accord.local"
    return f"<{timezone.now():%Y%m%d%H%M%S}.{get_random_string(16)}@{domain}>"


def outbox_enqueue(
    *,
    workspace,
    actor,
    to_contacts: Sequence,
    subject: str,
    body: str,
    project=None,
    client=None,
    cc: Iterable[str] = (),
    attachments: Iterable[tuple[str, bytes, str]] = (),
    in_reply_to: str = "",
    references: Sequence[str] = (),
    secrets: Iterable[str] = (),
    about=None,
) -> Interaction:
    """Record an e-mail to client contacts as queued; it is sent by a task after the commit.

    ``attachments`` are (filename, content, mimetype). ``secrets`` (one-time link tokens) are
    sent but masked in the stored record. ``about`` is the record the e-mail is about (a meeting,
    a change request, an invoice): its page lists the e-mail's state with ``outbox_about``.
    Returns the outbound, threaded interaction.
    """
    to_contacts = list(to_contacts)
    addresses = [
        header_safe(contact.primary_email) for contact in to_contacts if contact.primary_email
    ]
    if not addresses:
        raise DomainError("None of the recipients has an e-mail address.", field="to")
    subject = header_safe(subject)
    if not subject:
        raise DomainError("The e-mail needs a subject.", field="subject")
    cc = [header_safe(address) for address in cc if header_safe(address)]
    references = [header_safe(item) for item in references if header_safe(item)]
    in_reply_to = header_safe(in_reply_to)
    secrets = [secret for secret in secrets if secret]
    message_id = _message_id()
    headers = {"Message-ID": message_id}
    if in_reply_to:
        headers["In-Reply-To"] = in_reply_to
        headers["References"] = " ".join([*references, in_reply_to])
    with transaction.atomic():
        interaction = Interaction.objects.create(
            workspace=workspace,
            project=project,
            client=client or (project.client if project else to_contacts[0].client),
            channel=Interaction.Channel.EMAIL,
            direction=Interaction.Direction.OUTBOUND,
            occurred_at=timezone.now(),
            subject=subject[:500],
            sender_address=settings.DEFAULT_FROM_EMAIL,
            sender_user=acting_user(actor),
            recipients=addresses + cc,
            body_text=secrets_mask(body, secrets),
            message_id=message_id,
            in_reply_to=in_reply_to[:500],
            references=references,
            thread_key=(references[:1] or [in_reply_to or message_id])[0][:500],
        )
        interaction.recipient_contacts.set(to_contacts)
        outgoing = OutgoingEmail.objects.create(
            workspace=workspace,
            interaction=interaction,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=addresses,
            cc=cc,
            headers=headers,
            subject=subject,
            body=body if secrets else "",
            about_type=ContentType.objects.get_for_model(about) if about is not None else None,
            about_id=about.pk if about is not None else None,
        )
        for filename, content, mimetype in attachments:
            OutgoingAttachment.objects.create(
                outgoing=outgoing,
                filename=header_safe(filename, 200) or "attachment",
                mimetype=mimetype,
                content=content,
            )
        event_record(workspace=workspace, actor=actor, verb="email.queued", target=interaction)
        transaction.on_commit(lambda: _send_later(outgoing.pk))
    return interaction


def _send_later(outgoing_id: int, delay: float | None = None) -> None:
    """Hand the id to the task queue; if the queue is unreachable the periodic sweep sends it."""
    from .tasks import outbox_send

    try:
        if delay:
            outbox_send.schedule(args=(outgoing_id,), delay=delay)
        else:
            outbox_send(outgoing_id)
    except Exception:  # noqa: BLE001 - the e-mail is queued in the database; the sweep sends it
        logger.warning("outbox: could not queue e-mail %s; the sweep will send it", outgoing_id)


def _transient(error: BaseException) -> bool:
    """Is a later try likely to succeed?"""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    return isinstance(error, OSError | socket.timeout | TimeoutError)


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{address}: {code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for address, (code, message) in error.recipients.items()
        ]
        return "recipient refused — " + "; ".join(parts)
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        if isinstance(message, bytes):
            message = message.decode(errors="replace")
        return f"SMTP {error.smtp_code}: {message}"
    return f"{error.__class__.__name__}: {error}" if str(error) else error.__class__.__name__


def _build(outgoing: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=header_safe(outgoing.subject),
        body=outgoing.body or outgoing.interaction.body_text,
        from_email=outgoing.from_email,
        to=list(outgoing.to),
        cc=list(outgoing.cc),
        headers={key: header_safe(value) for key, value in outgoing.headers.items()},
    )
    for attachment in outgoing.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


@dataclass(frozen=True)
class FlushSummary:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def outbox_deliver(outgoing_id: int, *, now: bool = False) -> str:
    """Send one queued e-mail if this worker can claim it; safe to call any number of times.

    ``now`` ignores the backoff wait. Returns the state afterwards.
    """
    claim = OUTBOX.claim(ids=[outgoing_id], limit=1, ignore_due_at=now)
    if not claim:
        return (
            OutgoingEmail.objects.filter(pk=outgoing_id)
            .values_list("work_state", flat=True)
            .first()
            or ""
        )
    outgoing = OutgoingEmail.objects.select_related("interaction", "workspace").get(pk=outgoing_id)
    try:
        _build(outgoing).send()
    except Exception as error:  # noqa: BLE001 - every failure is recorded with its reason
        reason = _reason(error)
        state = OUTBOX.fail(outgoing.pk, claim.token, reason, retry=_transient(error))
        logger.warning(
            "outbox: e-mail %s (%s) not sent, try %s: %s -> %s",
            outgoing.pk,
            outgoing.interaction.message_id,
            outgoing.work_attempts,
            reason,
            state,
        )
        if state == WorkState.PENDING:
            due = OutgoingEmail.objects.values_list("work_due_at", flat=True).get(pk=outgoing.pk)
            transaction.on_commit(
                lambda: _send_later(
                    outgoing.pk, delay=max(1.0, (due - timezone.now()).total_seconds())
                )
            )
        elif state == WorkState.FAILED:
            with transaction.atomic():
                event_record(
                    workspace=outgoing.workspace,
                    verb="email.failed",
                    target=outgoing.interaction,
                    after={"reason": reason},
                )
                email_failed.send(
                    sender=OutgoingEmail,
                    outgoing=outgoing,
                    interaction=outgoing.interaction,
                    reason=reason,
                )
        return state
    with transaction.atomic():
        if OUTBOX.finish(outgoing.pk, claim.token, body=""):
            event_record(
                workspace=outgoing.workspace, verb="email.sent", target=outgoing.interaction
            )
            email_sent.send(
                sender=OutgoingEmail, outgoing=outgoing, interaction=outgoing.interaction
            )
    logger.info("outbox: e-mail %s (%s) sent", outgoing.pk, outgoing.interaction.message_id)
    return WorkState.DONE


def outbox_flush(*, now: bool = False, limit: int = 1000, workspace=None) -> FlushSummary:
    """Send every queued e-mail that is due (all queued ones with ``now``); the periodic sweep."""
    rows = OutgoingEmail.objects.all()
    if workspace is not None:
        rows = rows.filter(workspace=workspace)
    condition = OUTBOX.due()
    if now:
        from django.db.models import Q

        condition |= Q(work_state=WorkState.PENDING)
    ids = list(rows.filter(condition).order_by("pk").values_list("pk", flat=True)[:limit])
    counts = {WorkState.DONE: 0, WorkState.PENDING: 0, WorkState.FAILED: 0}
    for outgoing_id in ids:
        state = outbox_deliver(outgoing_id, now=now)
        if state in counts:
            counts[state] += 1
    return FlushSummary(
        sent=counts[WorkState.DONE],
        retrying=counts[WorkState.PENDING],
        failed=counts[WorkState.FAILED],
    )


def outbox_about(obj) -> list[Interaction]:
    """The e-mails sent about ``obj``, newest first, each with its ``delivery`` loaded."""
    return list(
        Interaction.objects.filter(
            outgoing__about_type=ContentType.objects.get_for_model(obj), outgoing__about_id=obj.pk
        )
        .select_related("outgoing")
        .order_by("-occurred_at", "-pk")
    )


def outbox_retry(*, interaction: Interaction, actor) -> OutgoingEmail:
    """Queue a failed e-mail again (a person fixed the address or the server is back)."""
    outgoing = interaction.delivery
    if outgoing is None:
        raise DomainError("This is not an e-mail Accord sent.")
    if outgoing.work_state != WorkState.FAILED:
        raise DomainError("Only an e-mail that could not be sent can be sent again.")
    with transaction.atomic():
        OUTBOX.requeue(OutgoingEmail.objects.filter(pk=outgoing.pk))
        event_record(
            workspace=outgoing.workspace, actor=actor, verb="email.retried", target=interaction
        )
        transaction.on_commit(lambda: _send_later(outgoing.pk))
    outgoing.refresh_from_db()
    return outgoing
