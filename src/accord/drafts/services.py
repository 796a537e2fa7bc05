"""Stored drafts: a generated text becomes a record, and the e-mail form opens it by id."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accord.core.client_words import one_line
from accord.core.errors import DomainError
from accord.core.events import acting_user

from .models import Draft

MAX_BODY = 100_000


def draft_store(
    *,
    project,
    actor,
    body: str,
    subject: str = "",
    kind: str = Draft.Kind.OTHER,
    contact=None,
    in_reply_to=None,
) -> Draft:
    """Keep a draft for the e-mail form; nothing is sent yet."""
    if not (body or "").strip():
        raise DomainError(_("The draft is empty."), field="body")
    if len(body) > MAX_BODY:
        raise DomainError(_("The draft is too long."), field="body")
    if kind not in Draft.Kind.values:
        kind = Draft.Kind.OTHER
    if contact is not None and contact.client_id != project.client_id:
        raise DomainError(_("The person belongs to another client."), field="contact")
    if in_reply_to is not None and in_reply_to.workspace_id != project.workspace_id:
        in_reply_to = None
    return Draft.objects.create(
        workspace=project.workspace,
        project=project,
        contact=contact,
        kind=kind,
        subject=one_line(subject)[:500],
        body=body.strip(),
        in_reply_to=in_reply_to,
        created_by=acting_user(actor),
    )


def draft_get_for_member(*, member, draft_id) -> Draft | None:
    """A draft of the member's workspace, or None."""
    try:
        draft_id = int(draft_id)
    except (TypeError, ValueError):
        return None
    return (
        Draft.objects.filter(workspace=member.workspace, pk=draft_id)
        .select_related("project", "contact")
        .first()
    )


def draft_mark_sent(*, draft: Draft, interaction) -> Draft:
    draft.sent_interaction = interaction
    draft.save(update_fields=["sent_interaction", "updated_at"])
    return draft
