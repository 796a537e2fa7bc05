"""Splitting a message into the writer's new text, the quoted history and the signature.

Plain Python (no Django). Knows the reply headers of the mail clients our clients use in
Russian, Polish and English: Outlook ("From:/Sent:", "От:/Отправлено:", "Od:/Wysłano:" blocks and
"-----Original Message-----" / "-----Исходное сообщение-----" / "-----Wiadomość oryginalna-----"),
Gmail ("On … wrote:", "… пишет:", "пт, 14 мар. 2026 г. в 11:02, Иван <ivan@x.ru>:",
"W dniu … napisał(a):"), Thunderbird ("… написал(а):"), Apple Mail ("Wiadomość napisana przez …",
"> " quoting) and mobile "Sent from" lines.

mail-parser-reply covers en and pl but not ru, and its signature rule treats any line that starts
with "- " as a signature (cutting bullet lists that clients write), so the rules live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SplitMessage:
    new_text: str
    quoted_text: str
    signature: str


_EMAIL = r"[^\s<>@]+@[^\s<>@]+"

# A line that opens the quoted history (checked on a line, or on a line joined with the next one,
# because clients wrap long "On … wrote:" headers).
_QUOTE_HEADERS = [
    re.compile(p, re.IGNORECASE)
    for p in [
        r"^\s*-{2,}\s*(original message|forwarded message|исходное сообщение|пересылаемое сообщение|"
        r"переслано|wiadomość oryginalna|oryginalna wiadomość|oryginalna wiadomosc|wiadomosc oryginalna|"
        r"przekazana wiadomość|begin forwarded message)\s*-{2,}\s*$",
        r"^\s*(begin forwarded message|начало пересылаемого сообщения)\s*:",
        r"^\s*_{20,}\s*$",
        r"^\s*on\b.{4,200}\bwrote:\s*$",
        r"^\s*.{0,200}\b(пишет|написал|написала|написал\(а\)|писал|писала)\s*:\s*$",
        r"^\s*w dniu\b.{4,200}\b(napisał|napisała|napisał\(a\)|pisze)\s*:?\s*$",
        r"^\s*dnia\b.{4,200}\b(napisał|napisała|napisał\(a\)|nadesłał)\s*:?\s*$",
        r"^\s*wiadomość napisana przez\b.{2,200}$",
        r"^\s*wiadomosc napisana przez\b.{2,200}$",
        r"^\s*.{0,120}\d{1,2}:\d{2}.{0,60}" + _EMAIL + r">?\s*:\s*$",
        r"^\s*.{0,200}<" + _EMAIL + r">\s*(wrote|пишет|napisał|napisała|napisał\(a\))?\s*:\s*$",
    ]
]

_HEADER_FIELD = re.compile(
    r"^\s*\*?(from|sent|to|cc|subject|date|от|отправлено|кому|копия|тема|дата|od|wysłano|wyslano|do|dw|"
    r"temat|data)\s*\*?:",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(r"^\s*\*?(from|от|od)\s*\*?:", re.IGNORECASE)

_SENT_FROM = re.compile(
    r"^\s*(sent from (my )?\w+|sent from outlook|get outlook for|sent with \w+|"
    r"отправлено (с|из) (моего )?\w+|отправлено с мобильного|"
    r"wysłane z (mojego )?\w+|wysłano z (mojego )?\w+|wyslane z \w+)",
    re.IGNORECASE,
)
_SIGN_OFF_WORDS = (
    r"(best regards|kind regards|warm regards|regards|best wishes|many thanks|thanks and regards|"
    r"thank you|thanks|cheers|best|br|"
    r"с уважением|с наилучшими пожеланиями|всего доброго|всего хорошего|спасибо|заранее спасибо|"
    r"благодарю|хорошего дня|"
    r"pozdrawiam serdecznie|pozdrawiam|z poważaniem|z powazaniem|z pozdrowieniami|serdecznie pozdrawiam|"
    r"dziękuję|dziekuje|dzięki|miłego dnia|łączę pozdrowienia)"
)
# "Regards", "Pozdrawiam / Best regards", "С уважением, Игорь Морозов" (a short name may follow).
_SIGN_OFF = re.compile(
    rf"^\s*{_SIGN_OFF_WORDS}(\s*/\s*{_SIGN_OFF_WORDS})?\s*[,.!]?(?-i:(\s+[A-ZА-ЯЁŁŚŻŹĆŃÓ][\w.'-]*){{0,3}})\s*$",
    re.IGNORECASE,
)
_SIGNATURE_DELIMITER = re.compile(r"^\s*(--|—|__)\s*$")


def _quote_start(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(">"):
            # One stray ">" line inside the text is not a quote; two in a row (or the end) are.
            following = [item for item in lines[index + 1 : index + 3] if item.strip()]
            if not following or following[0].lstrip().startswith(">") or index > 0:
                return index
        candidates = [stripped]
        if index + 1 < len(lines):
            candidates.append(stripped + " " + lines[index + 1].strip())
        for candidate in candidates:
            if any(pattern.search(candidate) for pattern in _QUOTE_HEADERS):
                return index
        if _HEADER_FROM.match(stripped):
            window = lines[index + 1 : index + 6]
            if sum(1 for item in window if _HEADER_FIELD.match(item)) >= 1:
                return index
    return None


def _signature_start(lines: list[str]) -> int | None:
    content = [index for index, line in enumerate(lines) if line.strip()]
    if not content:
        return None
    first = content[0]
    for index in content:
        if _SIGNATURE_DELIMITER.match(lines[index]) and index > first:
            return index
    for index in content:
        if _SENT_FROM.match(lines[index]):
            # A mobile footer ends the text; what follows it is footer too.
            return index
    # A sign-off near the end, followed by a few short lines (name, company, phone).
    tail = content[-7:]
    for index in tail:
        if _SIGN_OFF.match(lines[index]):
            after = [line for line in lines[index + 1 :] if line.strip()]
            if index == first and not after:
                return None  # "Thanks!" alone is the message itself
            if len(after) <= 5 and all(len(line.strip()) <= 60 for line in after):
                return index
    return None


def _leading_quote_end(lines: list[str]) -> int | None:
    """End of a "> " block that opens the message when new text follows it."""
    content = [index for index, line in enumerate(lines) if line.strip()]
    if not content or not lines[content[0]].lstrip().startswith(">"):
        return None
    end = content[0]
    while end < len(lines) and (lines[end].lstrip().startswith(">") or not lines[end].strip()):
        end += 1
    if end >= len(lines) or not any(line.strip() for line in lines[end:]):
        return None
    return end


def _unquote(text: str) -> str:
    return "\n".join(re.sub(r"^\s*(> ?)+", "", line) for line in text.splitlines()).strip()


def split_reply(text: str) -> SplitMessage:
    """The writer's new text, the quoted history below it, and the signature of the new text."""
    if not text:
        return SplitMessage("", "", "")
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = normalised.split("\n")
    leading = _leading_quote_end(lines)
    if leading is not None:
        # Inline style: the quoted question comes first and the answer below it.
        quoted = _unquote("\n".join(lines[:leading]))
        rest = split_reply("\n".join(lines[leading:]))
        return SplitMessage(
            rest.new_text,
            "\n\n".join(part for part in (quoted, rest.quoted_text) if part),
            rest.signature,
        )
    quote_at = _quote_start(lines)
    body_lines = lines if quote_at is None else lines[:quote_at]
    quoted = "" if quote_at is None else "\n".join(lines[quote_at:]).strip()
    signature_at = _signature_start(body_lines)
    if signature_at is None:
        new_text, signature = "\n".join(body_lines), ""
    else:
        new_text = "\n".join(body_lines[:signature_at])
        signature = "\n".join(body_lines[signature_at:]).strip()
    return SplitMessage(
        new_text.strip(), _unquote(quoted) if quoted.lstrip().startswith(">") else quoted, signature
    )
