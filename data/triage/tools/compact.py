"""Turn a compact authoring file into corpus JSONL.

One message per line: ``channel|CODES|tone|urgency|text`` where channel is e (e-mail), c (chat)
or k (call note); CODES are comma-separated label codes or ``-``; tone n/0/p; urgency h/n; a line
break inside the text is written ``\\n``.

    python data/triage/tools/compact.py PREFIX LANG < file.txt > data/triage/corpus/PREFIX.jsonl

LANG is ru, pl or en, or ``auto`` to tell each line's language (``mixed`` when two languages
share the text).
"""

from __future__ import annotations

import json
import re
import sys

CODES = {
    "UR": "unclear_requirements",
    "DR": "deadline_risk",
    "CO": "conflict",
    "NF": "no_feedback",
    "RC": "requirements_change",
    "QC": "quality_complaint",
    "PI": "payment_issue",
    "CC": "collective_complaint",
    "OS": "out_of_scope_request",
    "ET": "escalation_threat",
}
CHANNELS = {"e": "email", "c": "chat", "k": "call_note"}
TONES = {"n": "negative", "0": "neutral", "p": "positive"}
URGENCIES = {"h": "high", "n": "normal"}
_CYRILLIC_WORD = re.compile(r"\b[а-яё]{2,}\b", re.IGNORECASE)
_LATIN_WORD = re.compile(r"\b[a-ząćęłńóśźż]{2,}\b", re.IGNORECASE)
_POLISH = re.compile(
    r"[ąćęłńśźż]|\b(?:nie|się|jest|że|czy|już|proszę|dzień|dobry)\b", re.IGNORECASE
)
_ENGLISH = re.compile(
    r"\b(?:the|and|is|are|was|we|you|please|but|not|with|this|for|have|can|will)\b", re.IGNORECASE
)


def language(text: str) -> str:
    cyrillic = len(_CYRILLIC_WORD.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    polish = len(_POLISH.findall(text))
    english = len(_ENGLISH.findall(text))
    if cyrillic >= 2 and latin >= 2:
        return "mixed"
    if cyrillic > latin:
        return "ru"
    if polish >= 2 and english >= 2:
        return "mixed"
    return "pl" if polish > english else "en"


def convert(lines, prefix: str, lang: str):
    number = 0
    for line_number, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        channel, codes, tone, urgency, text = line.split("|", 4)
        labels = [] if codes.strip() == "-" else [CODES[c.strip()] for c in codes.split(",")]
        text = text.strip().replace("\\n", "\n")
        if not text or channel not in CHANNELS or tone not in TONES or urgency not in URGENCIES:
            raise ValueError(f"line {line_number}: {line[:80]}")
        number += 1
        yield {
            "id": f"{prefix}-{number:04d}",
            "lang": language(text) if lang == "auto" else lang,
            "channel": CHANNELS[channel],
            "text": text,
            "labels": sorted(set(labels), key=list(CODES.values()).index),
            "tone": TONES[tone],
            "urgency": URGENCIES[urgency],
        }


if __name__ == "__main__":
    for row in convert(sys.stdin, sys.argv[1], sys.argv[2]):
        print(json.dumps(row, ensure_ascii=False))
