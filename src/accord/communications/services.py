"""Communication use cases: recording and sending interactions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from accord.core.errors import DomainError
from accord.core.events import event_record

from .models import Interaction


def email_send(
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
) -> Interaction:
    """Send an e-mail to client contacts and record it as an outbound, threaded interaction.

    ``attachments`` are (filename, content, mimetype). The message leaves after the commit.
    """
    addresses = [contact.primary_email for contact in to_contacts if contact.primary_email]
    if not addresses:
        raise DomainError("None of the recipients has an e-mail address.", field="to")
    if not subject.strip():
        raise DomainError("The e-mail needs a subject.", field="subject")
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "accord.local"
    message_id = f"<{timezone.now():%Y%m%d%H%M%S}.{get_random_string(16)}@{domain}>"
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
            subject=subject,
            sender_address=settings.DEFAULT_FROM_EMAIL,
            sender_user=actor if getattr(actor, "is_authenticated", False) else None,
            recipients=addresses + list(cc),
            body_text=body,
            message_id=message_id,
            in_reply_to=in_reply_to,
            references=list(references),
            thread_key=(list(references)[:1] or [in_reply_to or message_id])[0],
        )
        interaction.recipient_contacts.set(list(to_contacts))
        event_record(workspace=workspace, actor=actor, verb="email.sent", target=interaction)

        def deliver() -> None:
            email = EmailMultiAlternatives(
                subject=subject, body=body, to=addresses, cc=list(cc), headers=headers
            )
            for filename, content, mimetype in attachments:
                email.attach(filename, content, mimetype)
            email.send()

        transaction.on_commit(deliver)
    return interaction
