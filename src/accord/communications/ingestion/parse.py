"""Parsing raw e-mail bytes into plain data (no Django): robust to bad charsets and headers.

Every problem that does not make the message unreadable is recorded in ``ParsedMessage.warnings``
instead of failing; a message that cannot be read at all raises ``UnreadableMessage`` and goes to
quarantine with its bytes kept.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from email.header import Header, decode_header
from email.message import Message

import charset_normalizer
import html2text
import nh3

MAX_HEADER_LENGTH = 998


class UnreadableMessage(Exception):
    """The bytes are not an e-mail we can read; the reason is meant for the quarantine list."""


@dataclass
class ParsedAttachment:
    filename: str
    content_type: str
    content: bytes
    truncated: bool = False


@dataclass
class ParsedMessage:
    message_id: str
    message_id_generated: bool
    subject: str
    sender_name: str
    sender_address: str
    recipients: list[str]
    date: datetime.datetime | None
    in_reply_to: str
    references: list[str]
    text: str
    html: str
    attachments: list[ParsedAttachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    content_hash: str = ""


_ALIASES = {"ks_c_5601-1987": "cp949", "x-user-defined": "windows-1252", "unknown-8bit": ""}


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def decode_bytes(payload: bytes, declared: str | None, warnings: list[str]) -> str:
    """Decode with the declared charset when it fits, else detect it (mislabeled mail)."""
    declared = (declared or "").strip().strip('"').lower()
    declared = _ALIASES.get(declared, declared)
    if declared:
        try:
            text = payload.decode(declared)
            # A "utf-8" label on windows-1251 bytes decodes with errors; latin-1 labels on
            # Cyrillic bytes decode "successfully" into mojibake, caught below.
            if not _looks_like_mojibake(text):
                return text
            warnings.append(f"charset {declared} looked wrong; detected instead")
        except (LookupError, UnicodeDecodeError):
            warnings.append(f"declared charset {declared or '?'} did not decode; detected instead")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(payload).best()
    if best is not None:
        return str(best)
    warnings.append("charset unknown; undecodable bytes replaced")
    return payload.decode("utf-8", errors="replace")


_MOJIBAKE = re.compile(r"[ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ]{4,}")


def _looks_like_mojibake(text: str) -> bool:
    return bool(_MOJIBAKE.search(text))


def html_to_text(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.ignore_images = True
    converter.ignore_links = True
    converter.body_width = 0
    converter.ignore_emphasis = True
    return converter.handle(html).strip()


def sanitise_html(html: str) -> str:
    """HTML safe to show in Accord's pages: no scripts, styles, event handlers or remote loads."""
    return nh3.clean(
        html,
        tags={
            "p",
            "br",
            "div",
            "span",
            "b",
            "strong",
            "i",
            "em",
            "u",
            "ul",
            "ol",
            "li",
            "blockquote",
            "table",
            "thead",
            "tbody",
            "tr",
            "td",
            "th",
            "h1",
            "h2",
            "h3",
            "h4",
            "pre",
            "code",
            "a",
            "hr",
        },
        attributes={
            "a": {"href", "title"},
            "td": {"colspan", "rowspan"},
            "th": {"colspan", "rowspan"},
        },
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def decode_header_value(value) -> str:
    """RFC 2047 encoded words to text, tolerating unknown or wrong charsets."""
    if value is None:
        return ""
    if isinstance(value, Header):
        value = str(value)
    parts = []
    for chunk, charset in decode_header(str(value)):
        if isinstance(chunk, bytes):
            parts.append(decode_bytes(chunk, charset, []))
        else:
            parts.append(chunk)
    return "".join(parts)


def _header(message: Message, name: str, warnings: list[str]) -> str:
    value = message.get(name)
    if value is None:
        return ""
    try:
        text = decode_header_value(value)
    except Exception as error:  # noqa: BLE001 - a header so broken that decoding gives up on it
        warnings.append(f"{name} header unreadable: {error.__class__.__name__}")
        text = str(value)
    return " ".join(text.split())[:MAX_HEADER_LENGTH]


def _addresses(value: str) -> list[tuple[str, str]]:
    return [
        (name, address.lower())
        for name, address in email.utils.getaddresses([value])
        if "@" in address
    ]


def _message_ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value or "")


def _parse_date(value: str, warnings: list[str]) -> datetime.datetime | None:
    if not value:
        warnings.append("Date header missing")
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        warnings.append(f"Date header unreadable: {value[:60]}")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    from accord.core.limits import YEAR_MAX, YEAR_MIN

    if not (YEAR_MIN <= parsed.year <= YEAR_MAX):
        warnings.append(f"Date header out of range: {value[:60]}")
        return None
    return parsed


def _part_bytes(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("utf-8", errors="replace") if isinstance(raw, str) else b""
    return payload


def parse_message(
    raw: bytes, *, max_body_chars: int = 500_000, max_attachment_bytes: int = 20_000_000
) -> ParsedMessage:
    """Parse raw RFC 5322 bytes. Bodies and attachments above the caps are cut, never refused."""
    if not raw or not raw.strip():
        raise UnreadableMessage("empty message")
    if b"\x00" in raw[:2048] and b":" not in raw[:200]:
        raise UnreadableMessage("binary data, not an e-mail")
    warnings: list[str] = []
    try:
        # compat32 is several times faster than the "default" policy; headers are decoded below.
        message: Message = email.message_from_bytes(raw, policy=email.policy.compat32)
    except Exception as error:  # noqa: BLE001 - the stdlib parser is lenient; this is the last line
        raise UnreadableMessage(f"the e-mail parser failed: {error}") from error
    if not message.keys():
        raise UnreadableMessage("no e-mail headers found")
    header_names = {key.lower() for key in message}
    if not header_names & {
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "received",
        "content-type",
    }:
        raise UnreadableMessage("no e-mail headers found")

    from_value = _header(message, "From", warnings)
    senders = _addresses(from_value)
    if not senders:
        warnings.append("From header missing or without an address")
    sender_name, sender_address = senders[0] if senders else ("", "")
    recipients = [
        address
        for _, address in _addresses(
            ", ".join(_header(message, name, warnings) for name in ("To", "Cc"))
        )
    ]

    message_ids = _message_ids(_header(message, "Message-ID", warnings))
    digest = content_hash(raw)
    if message_ids:
        message_id, generated = message_ids[0], False
    else:
        # Stable: the same bytes delivered twice get the same identifier.
        message_id, generated = f"<{digest[:32]}@generated.accord>", True
        warnings.append("Message-ID missing; derived from the content")

    text_parts: list[str] = []
    html_parts: list[str] = []
    attachments: list[ParsedAttachment] = []
    for part in message.walk() if message.is_multipart() else [message]:
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        disposition = (part.get_content_disposition() or "").lower()
        filename = part.get_filename()
        if disposition == "attachment" or (
            filename and content_type not in ("text/plain", "text/html")
        ):
            content = _part_bytes(part)
            truncated = len(content) > max_attachment_bytes
            if truncated:
                warnings.append(f"attachment {filename!r} above the size cap; not stored in full")
                content = b""
            attachments.append(
                ParsedAttachment(filename or "attachment.bin", content_type, content, truncated)
            )
            continue
        if content_type == "text/plain":
            text_parts.append(decode_bytes(_part_bytes(part), part.get_content_charset(), warnings))
        elif content_type == "text/html":
            html_parts.append(decode_bytes(_part_bytes(part), part.get_content_charset(), warnings))

    html = "\n".join(html_parts)
    text = "\n".join(part for part in text_parts if part.strip())
    if not text and html:
        text = html_to_text(html)
    if len(text) > max_body_chars:
        warnings.append(
            f"body above {max_body_chars} characters; cut for analysis (the original is kept)"
        )
        text = text[:max_body_chars]
    if len(html) > max_body_chars * 2:
        html = html[: max_body_chars * 2]

    return ParsedMessage(
        message_id=message_id,
        message_id_generated=generated,
        subject=_header(message, "Subject", warnings)[:500],
        sender_name=sender_name[:200],
        sender_address=sender_address[:320],
        recipients=recipients,
        date=_parse_date(_header(message, "Date", warnings), warnings),
        in_reply_to=(_message_ids(_header(message, "In-Reply-To", warnings)) or [""])[0],
        references=_message_ids(_header(message, "References", warnings)),
        text=text.replace("\r\n", "\n").strip(),
        html=sanitise_html(html) if html else "",
        attachments=attachments,
        warnings=warnings,
        content_hash=digest,
    )


def msg_to_eml(raw: bytes) -> bytes:
    """An Outlook .msg file as RFC 822 bytes (extract-msg reads the OLE container)."""
    import extract_msg

    message = extract_msg.openMsg(raw)
    try:
        email_message = message.asEmailMessage()
        # A .msg saved without transport headers gets empty ones (Message-Id, Cc) and no
        # Subject: drop the empty ones so the parser derives an id, and take the MAPI subject.
        for name in {key for key, value in email_message.items() if not str(value).strip()}:
            del email_message[name]
        if not email_message.get("Subject") and message.subject:
            email_message["Subject"] = message.subject
        if not email_message.get("Message-ID"):
            # The MIME boundaries differ on every conversion: an id from the file's own bytes
            # lets the same .msg uploaded twice be recognised as a duplicate.
            email_message["Message-ID"] = f"<{hashlib.sha256(raw).hexdigest()[:32]}@msg.accord>"
        return email_message.as_bytes()
    finally:
        message.close()
