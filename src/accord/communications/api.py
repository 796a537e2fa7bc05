"""API: the communication log (list, read) and importing a raw e-mail."""

import base64
import binascii
import datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from accord.api.listing import Pagination, kept_list, order_by, ordering_param
from accord.api.permissions import api_member
from accord.api.schemas import DateTime, Id, model_type, text

from . import selectors
from .models import Interaction

API_PREFIX = "/interactions"
router = Router(tags=["interactions"])

# A raw e-mail sent to the API: at most this many bytes (the attachment cap applies inside).
MAX_RAW_BYTES = 25_000_000


class InteractionOut(Schema):
    id: int
    project_id: int | None
    client_id: int | None
    channel: str
    direction: str
    occurred_at: datetime.datetime
    subject: str
    sender_address: str
    sender_name: str
    sender_contact_id: int | None
    language: str
    message_id: str


class InteractionDetailOut(InteractionOut):
    recipients: list[str]
    body_text: str
    quoted_text: str
    signature: str
    parse_warnings: list[str]
    attachments: list[str]

    @staticmethod
    def resolve_attachments(interaction) -> list[str]:
        return [attachment.filename for attachment in interaction.attachments.all()]


class InteractionFilter(Schema):
    project_id: Id | None = None
    client_id: Id | None = None
    channel: model_type(Interaction, "channel", optional=True) = None
    direction: model_type(Interaction, "direction", optional=True) = None
    since: DateTime | None = None
    q: text(200) | None = Field(None, description="Words in the subject or text.")


class RawEmailIn(Schema):
    raw: text(MAX_RAW_BYTES) | None = Field(
        None, description="The e-mail source (RFC 5322) as text."
    )
    raw_base64: text(MAX_RAW_BYTES * 4 // 3 + 4) | None = Field(
        None, description="The e-mail source, base64 (for 8-bit or binary messages)."
    )
    source: text(300) = Field("api", description="Where it came from (shown on the message).")


class ImportOut(Schema):
    status: str = Field(description="imported, duplicate or quarantined")
    interaction_id: int | None
    reason: str
    unknown_sender: bool


@router.get("/", response=list[InteractionOut])
@kept_list(InteractionOut)
@paginate(Pagination)
def interaction_list(
    request,
    filters: Query[InteractionFilter],
    ordering: ordering_param("occurred_at", "created_at") = "-occurred_at",
):
    interactions = Interaction.objects.filter(workspace=api_member(request).workspace)
    if filters.project_id:
        interactions = interactions.filter(project_id=filters.project_id)
    if filters.client_id:
        interactions = interactions.filter(client_id=filters.client_id)
    if filters.channel:
        interactions = interactions.filter(channel=filters.channel)
    if filters.direction:
        interactions = interactions.filter(direction=filters.direction)
    if filters.since:
        interactions = interactions.filter(occurred_at__gte=filters.since)
    if filters.q:
        interactions = selectors._search(interactions, filters.q)
    return order_by(interactions.defer("raw", "body_html"), ordering)


@router.post("/import", response={201: ImportOut, 200: ImportOut})
def interaction_import(request, payload: RawEmailIn):
    """Import one raw e-mail: stored once (201), a duplicate (200), or quarantined with its bytes
    kept when it cannot be read (200, ``status`` says which)."""
    from .ingestion.importer import mail_import

    if (payload.raw is None) == (payload.raw_base64 is None):
        raise HttpError(422, "Send the e-mail in exactly one of raw or raw_base64.")
    if payload.raw is not None:
        data = payload.raw.encode("utf-8", "surrogateescape")
    else:
        try:
            data = base64.b64decode(payload.raw_base64, validate=True)
        except (binascii.Error, ValueError):
            raise HttpError(422, "raw_base64: not valid base64.") from None
    if not data.strip():
        raise HttpError(422, "raw: the e-mail is empty.")
    result = mail_import(
        workspace=api_member(request).workspace, raw=data, source=payload.source[:300]
    )
    body = {
        "status": result.status,
        "interaction_id": result.interaction.pk if result.interaction else None,
        "reason": result.reason,
        "unknown_sender": result.unknown_sender,
    }
    return (201 if result.status == "imported" else 200), body


@router.get("/{interaction_id}", response=InteractionDetailOut)
def interaction_get(request, interaction_id: Id):
    return selectors.interaction_get_for_member(
        member=api_member(request), interaction_id=interaction_id
    )
