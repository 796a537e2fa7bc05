"""Splitting a message into the writer's new text, the quoted history and the signature.

Plain Python (no Django). Knows the reply headers of the mail clients our clients use in
Russian, Polish and English:

- Outlook blocks of header fields that start with From:, Sent: or Date: ("От:/Отправлено:/Дата:",
  "Od:/Wysłano:/Data:"), "-----Original Message-----" / "-----Исходное сообщение-----" /
  "-----Wiadomość oryginalna-----" and the long underscore rule;
- Gmail attributions ("On … wrote:", "… пишет:", "пт, 14 мар. 2026 г. в 11:02, Иван <ivan@x.ru>:",
  "W dniu … napisał(a):"), also wrapped over two or three lines and without the colon;
- dash-wrapped attributions ("---- Anna Smith wrote ----", "---- Иван написал ----");
- Thunderbird ("… написал(а):"), Apple Mail ("Wiadomość napisana przez …", "> " quoting) and
  mobile "Sent from" footers.

Answers written below or between "> " quotes are new text: the quoted lines (and the attribution
line above them) are taken out and the writer's lines between them kept, in order. History that is
not "> "-quoted (an Outlook block, a forwarded message) runs to the end of the message.

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
_WROTE = r"(wrote|writes|пишет|написал|написала|написал\(а\)|писал|писала|napisał|napisała|napisał\(a\)|pisze)"

# A line that opens the quoted history.
_QUOTE_HEADERS = [
    re.compile(p, re.IGNORECASE)
    for p in [
        r"^\s*-{2,}\s*(original message|forwarded message|исходное сообщение|пересылаемое сообщение|"
        r"переслано|wiadomość oryginalna|oryginalna wiadomość|oryginalna wiadomosc|wiadomosc oryginalna|"
        r"przekazana wiadomość|begin forwarded message)\s*-{2,}\s*$",
        r"^\s*(begin forwarded message|начало пересылаемого сообщения)\s*:",
        r"^\s*_{20,}\s*$",
        # "---- On Mon, 03 Mar 2026 09:12 Anna <a@x> wrote ----", "---- Иван написал ----"
        rf"^\s*-{{2,}}\s*.{{2,200}}?\b{_WROTE}\s*:?\s*-{{2,}}\s*$",
        r"^\s*on\b.{4,200}\b(wrote|writes):\s*$",
        # without the colon only when the line also carries a date, time or address
        r"^\s*on\b(?=.*(\d|@)).{4,200}\b(wrote|writes)\s*$",
        r"^\s*.{0,200}\b(пишет|написал|написала|написал\(а\)|писал|писала)\s*:\s*$",
        r"^\s*(?=.*(\d|@)).{0,200}\b(пишет|написал|написала|написал\(а\)|писал|писала)\s*$",
        r"^\s*w dniu\b.{4,200}\b(napisał|napisała|napisał\(a\)|pisze)\s*:?\s*$",
        r"^\s*dnia\b.{4,200}\b(napisał|napisała|napisał\(a\)|nadesłał)\s*:?\s*$",
        r"^\s*(?=.*(\d|@)).{2,200}\b(napisał|napisała|napisał\(a\))\s*:?\s*$",
        r"^\s*wiadomość napisana przez\b.{2,200}$",
        r"^\s*wiadomosc napisana przez\b.{2,200}$",
        r"^\s*.{0,120}\d{1,2}:\d{2}.{0,60}" + _EMAIL + r">?\s*:\s*$",
        r"^\s*.{0,200}<" + _EMAIL + r">\s*(wrote|пишет|napisał|napisała|napisał\(a\))?\s*:\s*$",
    ]
]

# How a wrapped attribution starts: "On …", "W dniu …", "Dnia …", "В …", a weekday or a date.
_HEADER_START = re.compile(
    r"^\s*(on\s|w dniu\s|dnia\s|в\s|-{2,}|"
    r"(mon|tue|wed|thu|fri|sat|sun|пн|вт|ср|чт|пт|сб|вс|pon|wt|śr|sr|czw|pt|sob|niedz?)\w*\.?,|"
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[^\W\d_]+\.?\s+\d{4})",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…)]\s*$")

_FIELD_NAMES = {
    "from": "from",
    "от": "from",
    "od": "from",
    "sent": "date",
    "date": "date",
    "отправлено": "date",
    "дата": "date",
    "wysłano": "date",
    "wyslano": "date",
    "data": "date",
    "to": "to",
    "кому": "to",
    "do": "to",
    "cc": "cc",
    "копия": "cc",
    "dw": "cc",
    "subject": "subject",
    "тема": "subject",
    "temat": "subject",
}
_HEADER_FIELD = re.compile(
    r"^\s*\**(from|sent|to|cc|subject|date|от|отправлено|кому|копия|тема|дата|od|wysłano|wyslano|do|dw|"
    r"temat|data)\s*\**\s*:",
    re.IGNORECASE,
)

_SENT_FROM = re.compile(
    r"^\s*(sent from (my )?\w+|sent from outlook|get outlook for|sent with \w+|"
    r"отправлено (с|из) (моего )?\w+|отправлено с мобильного|"
    r"wysłane z (mojego )?\w+|wysłano z (mojego )?\w+|wyslane z \w+|"
    r"pobierz (aplikację )?outlook|(получить|скачайте|загрузите) outlook)",
    re.IGNORECASE,
)
_THANKS_WORDS = (
    r"(many thanks|thank you|thanks|спасибо|заранее спасибо|благодарю|dziękuję|dziekuje|dzięki|"
    r"dzieki)"
)
_SIGN_OFF_WORDS = (
    r"(best regards|kind regards|warm regards|regards|best wishes|many thanks|thanks and regards|"
    r"thank you|thanks|cheers|best|br|"
    r"с уважением|с наилучшими пожеланиями|всего доброго|всего хорошего|спасибо|заранее спасибо|"
    r"благодарю|хорошего дня|"
    r"pozdrawiam serdecznie|pozdrawiam|z poważaniem|z powazaniem|z pozdrowieniami|serdecznie pozdrawiam|"
    r"dziękuję|dziekuje|dzięki|miłego dnia|łączę pozdrowienia)"
)
_NAME = r"(?-i:(\s+[A-ZА-ЯЁŁŚŻŹĆŃÓ][\w.'-]*){0,3})"
# "Regards", "Pozdrawiam / Best regards", "С уважением, Игорь Морозов" (a short name may follow).
_SIGN_OFF = re.compile(
    rf"^\s*{_SIGN_OFF_WORDS}(\s*/\s*{_SIGN_OFF_WORDS})?\s*[,.!]?{_NAME}\s*$", re.IGNORECASE
)
_THANKS = re.compile(rf"^\s*{_THANKS_WORDS}\b", re.IGNORECASE)
# A bare name closing a short message: "Anna", "— Piotr K.", "Игорь Морозов".
_BARE_NAME = re.compile(
    r"^\s*[-—–~]*\s*(?-i:[A-ZА-ЯЁŁŚŻŹĆŃÓ][\w.'-]*(\s+[A-ZА-ЯЁŁŚŻŹĆŃÓ][\w.'-]*){0,2})\s*$"
)
_SIGNATURE_DELIMITER = re.compile(r"^\s*(--|—|__)\s*$")


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _matches_header(candidate: str) -> bool:
    return any(pattern.search(candidate) for pattern in _QUOTE_HEADERS)


def _attribution_span(lines: list[str], index: int) -> int:
    """How many lines an attribution ("On … wrote:") starting at ``index`` takes (0: none).

    Gmail and Outlook on the web wrap long attributions over two or three lines; a wrapped one
    must start like an attribution, so a reply line directly above "On … wrote:" stays text."""
    first = lines[index].strip()
    if not first or _is_quoted(first):
        return 0
    if _matches_header(first):
        return 1
    if not _HEADER_START.match(first):
        return 0
    next_alone = index + 1 < len(lines) and _matches_header(lines[index + 1].strip())
    if next_alone and _SENTENCE_END.search(first):
        return 0  # a sentence of the reply, then the attribution on the next line
    parts = [first]
    for extra in (1, 2):
        if index + extra >= len(lines):
            break
        following = lines[index + extra].strip()
        if not following or _is_quoted(following):
            break
        parts.append(following)
        if _matches_header(" ".join(parts)):
            return extra + 1
    return 0


def _header_block(lines: list[str], index: int) -> bool:
    """An Outlook-style block of header fields (From:/Sent:/Date:/To:/Subject:) starts here."""
    match = _HEADER_FIELD.match(lines[index])
    if not match:
        return False
    first = _FIELD_NAMES[match.group(1).lower()]
    if first not in ("from", "date"):
        return False
    names = {first}
    for line in lines[index + 1 : index + 7]:
        following = _HEADER_FIELD.match(line)
        if following:
            names.add(_FIELD_NAMES[following.group(1).lower()])
    if first == "from":
        return len(names) >= 2
    # Sent:/Date: first: a date alone is often the client's own text ("Data: 12.03"), so the
    # block also needs the sender or the recipient and one more field.
    return len(names) >= 3 and bool(names & {"from", "to"})


def _signature_start(lines: list[str]) -> int | None:
    content = [index for index, line in enumerate(lines) if line.strip()]
    if not content:
        return None
    first = content[0]
    for index in content:
        if _SIGNATURE_DELIMITER.match(lines[index]) and index > first:
            return index
    opens_with_thanks = bool(_THANKS.match(lines[first]))
    for position, index in enumerate(content):
        if _SENT_FROM.match(lines[index]):
            # A mobile footer ends the text; what follows it is footer too, and so is a sign-off
            # just above it ("Pozdrawiam,\nKasia\nWysłano z mojego telefonu").
            content = content[:position]
            footer = index
            break
    else:
        footer = None
    # A sign-off near the end, followed by a few short lines (name, company, phone).
    tail = content[-7:]
    for index in tail:
        if not _SIGN_OFF.match(lines[index]):
            continue
        end = footer if footer is not None else len(lines)
        after = [line for line in lines[index + 1 : end] if line.strip()]
        if index == first:
            if not after:
                return footer  # "Thanks!" alone is the message itself
            if opens_with_thanks:
                # "Thanks,\nI'll check it tomorrow.\nAnna": the thanks is the message's first word
                continue
        if len(after) <= 5 and all(len(line.strip()) <= 60 for line in after):
            return index
    if opens_with_thanks and len(content) >= 3 and _BARE_NAME.match(lines[content[-1]]):
        return content[-1]
    return footer


def _unquote(text: str) -> str:
    return "\n".join(re.sub(r"^\s*(> ?)+", "", line) for line in text.splitlines()).strip()


def _collapse_blank_runs(lines: list[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        if not line.strip() and result and not result[-1].strip():
            continue
        result.append(line)
    return result


def _next_content(lines: list[str], index: int) -> int | None:
    for position in range(index, len(lines)):
        if lines[position].strip():
            return position
    return None


def split_reply(text: str) -> SplitMessage:
    """The writer's new text, the quoted history, and the signature of the new text."""
    if not text:
        return SplitMessage("", "", "")
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = normalised.split("\n")
    new_lines: list[str] = []
    quoted_parts: list[str] = []
    attribution = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_quoted(line):
            end = index
            while end < len(lines) and (_is_quoted(lines[end]) or not lines[end].strip()):
                end += 1
            quote = _unquote("\n".join(lines[index:end]))
            if attribution:
                quote, attribution = f"{attribution}\n{quote}", ""
            quoted_parts.append(quote)
            if end < len(lines):
                new_lines.append("")  # the answer below a quote is a paragraph of its own
            index = end
            continue
        span = _attribution_span(lines, index)
        if span:
            after = _next_content(lines, index + span)
            if after is not None and _is_quoted(lines[after]):
                # "On … wrote:" above "> " lines: the quote follows, answers may come after it
                attribution = "\n".join(item.strip() for item in lines[index : index + span])
                index += span
                continue
            quoted_parts.append("\n".join(lines[index:]).strip())
            break
        if _header_block(lines, index):
            quoted_parts.append("\n".join(lines[index:]).strip())
            break
        new_lines.append(line)
        index += 1
    body_lines = _collapse_blank_runs(new_lines)
    signature_at = _signature_start(body_lines)
    if signature_at is None:
        new_text, signature = "\n".join(body_lines), ""
    else:
        new_text = "\n".join(body_lines[:signature_at])
        signature = "\n".join(body_lines[signature_at:]).strip()
    quoted = "\n\n".join(part for part in quoted_parts if part.strip())
    return SplitMessage(new_text.strip(), quoted.strip(), signature)
