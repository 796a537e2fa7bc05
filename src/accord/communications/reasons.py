"""Readable, translated wording of the reasons the mail import and the mailbox poll store.

The stored reasons stay in one stable English form (the quarantine, the mailbox's last error,
the CLI and the API show them as they are); the pages translate them here when they are shown.
A reason this module does not know is shown unchanged.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop, pgettext

from accord.core.formatting import format_number

# Stored reason -> its wording; written with pgettext so that makemessages finds each one.
_QUARANTINE_EXACT = {
    "empty message": lambda: pgettext("quarantine reason", "The message is empty."),
    "binary data, not an e-mail": lambda: pgettext(
        "quarantine reason", "Binary data, not an e-mail."
    ),
    "no e-mail headers found": lambda: pgettext(
        "quarantine reason", "No e-mail headers were found."
    ),
}
# Stored prefix -> the wording of a reason that goes on with technical detail.
_QUARANTINE_PREFIXED = {
    "the e-mail parser failed: ": lambda: pgettext(
        "quarantine reason", "The e-mail parser failed: %(detail)s"
    ),
    "unexpected error: ": lambda: pgettext(
        "quarantine reason", "Unexpected error while importing: %(detail)s"
    ),
    "unreadable Outlook message: ": lambda: pgettext(
        "quarantine reason", "The Outlook message cannot be read: %(detail)s"
    ),
}


def quarantine_reason_text(reason: str) -> str:
    """The reason a message was quarantined, in the active language."""
    if reason in _QUARANTINE_EXACT:
        return _QUARANTINE_EXACT[reason]()
    for prefix, wording in _QUARANTINE_PREFIXED.items():
        if reason.startswith(prefix):
            return wording() % {"detail": reason[len(prefix) :]}
    return reason


# The mailbox errors the poll stores in ``Mailbox.last_error`` in English (no language is active
# in the task); the same sentences are the messages of the DomainErrors raised on the page.
MAILBOX_PASSWORD_UNREADABLE = gettext_noop(
    "The stored password cannot be read (the SECRET_KEY changed?); enter it again."
)
MAILBOX_PASSWORD_ENVIRONMENT = gettext_noop("The environment variable %(name)s is not set.")
_ENVIRONMENT_PATTERN = re.compile(r"^The environment variable (?P<name>\S+) is not set\.$")


def mailbox_error_text(error: str) -> str:
    """A mailbox's last fetch error, in the active language when it is one Accord wrote."""
    if error == MAILBOX_PASSWORD_UNREADABLE:
        return gettext(MAILBOX_PASSWORD_UNREADABLE)
    if match := _ENVIRONMENT_PATTERN.match(error):
        return gettext(MAILBOX_PASSWORD_ENVIRONMENT) % {"name": match["name"]}
    return error


# The parsing notes kept on a message (``Interaction.parse_warnings``), stored in English by the
# parser: each stored shape -> its wording; the named groups fill the wording's placeholders.
_PARSE_WARNINGS = [
    (
        re.compile(r"^time of import used as the message time$"),
        lambda: pgettext(
            "parsing note", "The message had no usable date; the import time is used."
        ),
    ),
    (
        re.compile(r"^charset (?P<charset>.+) looked wrong; detected instead$"),
        lambda: pgettext(
            "parsing note",
            "The declared charset %(charset)s looked wrong; the text was decoded by detection.",
        ),
    ),
    (
        re.compile(r"^declared charset (?P<charset>.+) did not decode; detected instead$"),
        lambda: pgettext(
            "parsing note",
            "The declared charset %(charset)s did not decode; the text was decoded by detection.",
        ),
    ),
    (
        re.compile(r"^charset unknown; undecodable bytes replaced$"),
        lambda: pgettext(
            "parsing note", "The charset is unknown; bytes that could not be decoded were replaced."
        ),
    ),
    (
        re.compile(r"^Date header missing$"),
        lambda: pgettext("parsing note", "The Date header is missing."),
    ),
    (
        re.compile(r"^Date header unreadable: (?P<value>.*)$"),
        lambda: pgettext("parsing note", "The Date header cannot be read: %(value)s"),
    ),
    (
        re.compile(r"^Date header out of range: (?P<value>.*)$"),
        lambda: pgettext("parsing note", "The Date header is out of range: %(value)s"),
    ),
    (
        re.compile(r"^(?P<name>\S+) header unreadable: (?P<value>.*)$"),
        lambda: pgettext("parsing note", "The %(name)s header cannot be read (%(value)s)."),
    ),
    (
        re.compile(r"^From header missing or without an address$"),
        lambda: pgettext("parsing note", "The From header is missing or has no address."),
    ),
    (
        re.compile(r"^Message-ID missing; derived from the content$"),
        lambda: pgettext(
            "parsing note", "The Message-ID is missing; one was derived from the content."
        ),
    ),
    (
        re.compile(r"^attachment (?P<name>.+) above the size cap; not stored in full$"),
        lambda: pgettext(
            "parsing note",
            "The attachment %(name)s is above the size limit and was not stored in full.",
        ),
    ),
    (
        re.compile(
            r"^body above (?P<count>\d+) characters; cut for analysis \(the original is kept\)$"
        ),
        lambda: pgettext(
            "parsing note",
            "The text is longer than %(count)s characters; only the start is analysed (the "
            "original is kept).",
        ),
    ),
]


def parse_warning_text(note: str) -> str:
    """A parsing note kept on a message, in the active language; an unknown note unchanged."""
    for pattern, wording in _PARSE_WARNINGS:
        if match := pattern.match(note):
            values = match.groupdict()
            if "count" in values:
                values["count"] = format_number(int(values["count"]))
            return wording() % values if values else wording()
    return note


# Why an e-mail was not sent (``OutgoingEmail.work_error``), stored in English by the outbox
# (communications.outbox._reason): the server's own words stay as they are, the frame is worded.
_RECIPIENT_REFUSED = re.compile(r"^recipient refused — (?P<detail>.*)$", re.S)
_SMTP_ANSWER = re.compile(r"^SMTP (?P<code>\d{3}): (?P<detail>.*)$", re.S)
_UNREACHABLE = re.compile(
    r"^(?P<kind>ConnectionRefusedError|ConnectionResetError|TimeoutError|timeout|"
    r"SMTPServerDisconnected|SMTPConnectError|gaierror|OSError)(?:: (?P<detail>.*))?$",
    re.S,
)


def send_error_text(error: str) -> str:
    """Why an e-mail was not sent, in the active language; an unknown reason unchanged."""
    if match := _RECIPIENT_REFUSED.match(error):
        return pgettext("e-mail sending", "The mail server refused the recipient: %(detail)s") % {
            "detail": match["detail"]
        }
    if match := _SMTP_ANSWER.match(error):
        return pgettext("e-mail sending", "The mail server answered %(code)s: %(detail)s") % {
            "code": match["code"],
            "detail": match["detail"],
        }
    if match := _UNREACHABLE.match(error):
        return pgettext("e-mail sending", "The mail server could not be reached (%(detail)s).") % {
            "detail": match["detail"] or match["kind"]
        }
    return error
