"""Communication use cases: recording and sending interactions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from accord.core.errors import DomainError
from accord.core.events import acting_user, event_record

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
    secrets: Iterable[str] = (),
    about=None,
) -> Interaction:
    """Send an e-mail to client contacts through the outbox (see ``outbox.outbox_enqueue``).

    The interaction is recorded as queued now; the task consumer sends it after the commit.
    """
    from .outbox import outbox_enqueue

    return outbox_enqueue(
        workspace=workspace,
        actor=actor,
        to_contacts=to_contacts,
        subject=subject,
        body=body,
        project=project,
        client=client,
        cc=cc,
        attachments=attachments,
        in_reply_to=in_reply_to,
        references=references,
        secrets=secrets,
        about=about,
    )


def interaction_log(
    *,
    workspace,
    actor,
    channel: str,
    direction: str,
    occurred_at,
    body: str,
    project=None,
    client=None,
    contact=None,
    subject: str = "",
) -> Interaction:
    """Record a call, meeting, chat excerpt or note typed by hand."""
    from accord.textkit.language import detect_language

    if channel not in Interaction.Channel.values:
        raise DomainError("Unknown channel.", field="channel")
    if direction not in Interaction.Direction.values:
        raise DomainError("Unknown direction.", field="direction")
    if not (body or "").strip():
        raise DomainError("Write what was said.", field="body")
    if occurred_at is None:
        raise DomainError("When did it happen?", field="occurred_at")
    if occurred_at > timezone.now() + timezone.timedelta(minutes=5):
        raise DomainError("This cannot be in the future.", field="occurred_at")
    client = client or (project.client if project else (contact.client if contact else None))
    if project is not None and client is not None and project.client_id != client.pk:
        raise DomainError("The project belongs to another client.", field="project")
    if contact is not None and client is not None and contact.client_id != client.pk:
        raise DomainError("The person belongs to another client.", field="contact")
    with transaction.atomic():
        interaction = Interaction.objects.create(
            workspace=workspace,
            project=project,
            client=client,
            channel=channel,
            direction=direction,
            occurred_at=occurred_at,
            subject=subject[:500],
            body_text=body.strip(),
            sender_contact=contact if direction == Interaction.Direction.INBOUND else None,
            sender_user=acting_user(actor) if direction == Interaction.Direction.OUTBOUND else None,
            sender_name=(
                contact.name if contact and direction == Interaction.Direction.INBOUND else ""
            ),
            language=detect_language(body),
        )
        event_record(
            workspace=workspace, actor=actor, verb="interaction.logged", target=interaction
        )
        if direction == Interaction.Direction.INBOUND:
            from accord.triage.services import interactions_triage_later
            from accord.webhooks.announce import interaction_received_announce

            interaction_received_announce(interaction=interaction)
            transaction.on_commit(
                lambda: interactions_triage_later(interaction_ids=[interaction.pk])
            )
    return interaction


def chat_log_import(
    *, workspace, actor, text: str, project, client_names: Iterable[str] = (), default_date=None
) -> list[Interaction]:
    """Split a pasted chat log into messages and record each; the client's lines are inbound."""
    from .ingestion.chat import split_chat

    messages = split_chat(text, default_date=default_date or timezone.localdate())
    if not messages:
        raise DomainError("No chat messages found in the pasted text.", field="text")
    contacts = {contact.name.lower(): contact for contact in project.client.contacts.all()}
    client_aliases = {name.strip().lower() for name in client_names if name.strip()} | set(contacts)
    created = []
    with transaction.atomic():
        for message in messages:
            author = message.author.lower()
            is_client = author in client_aliases or any(
                author and author in alias for alias in contacts
            )
            contact = contacts.get(author) or next(
                (c for alias, c in contacts.items() if author and author in alias), None
            )
            created.append(
                interaction_log(
                    workspace=workspace,
                    actor=actor,
                    channel=Interaction.Channel.CHAT,
                    direction=Interaction.Direction.INBOUND
                    if is_client
                    else Interaction.Direction.OUTBOUND,
                    occurred_at=message.sent_at,
                    body=message.text,
                    project=project,
                    contact=contact if is_client else None,
                    subject=f"{message.author}",
                )
            )
    return created
