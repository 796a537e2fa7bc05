"""The reply splitter on 151 hand-written messages shaped like real clients' mail (ru, pl, en).

Each fixture file holds samples as ``#### <lang> <shape>`` + the raw text, then ``#### new`` + the
new text a careful reader would keep: tight "On … wrote:" lines right under a one-line reply,
replies that open with "Thanks," / "Спасибо," / "Dzięki,", dash-wrapped and colon-less
attributions, wrapped Gmail attributions, Outlook blocks that start with Sent: or Date:, and
answers written below or between "> " quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.textkit.replies import split_reply

FIXTURES = Path(__file__).parent / "fixtures"
# Measured: 151/151 (see README); the floor leaves no room for a silent regression.
EXACT_MATCH_FLOOR = 1.0


def load_samples() -> list[dict]:
    samples = []
    for path in sorted(FIXTURES.glob("replies_*.txt")):
        current: dict | None = None
        target = "text"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#### new"):
                target = "new"
                continue
            if line.startswith("#### "):
                if current:
                    samples.append(current)
                lang, shape = line[5:].split(" ", 1)
                current = {"lang": lang, "shape": shape, "text": [], "new": []}
                target = "text"
                continue
            current[target].append(line)
        if current:
            samples.append(current)
    for sample in samples:
        sample["text"] = "\n".join(sample["text"]).strip("\n")
        sample["new"] = "\n".join(sample["new"]).strip("\n")
    return samples


SAMPLES = load_samples()


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def exact_match_rate(samples: list[dict], splitter=split_reply) -> tuple[float, list[dict]]:
    misses = [s for s in samples if _norm(splitter(s["text"]).new_text) != _norm(s["new"])]
    return 1 - len(misses) / len(samples), misses


def test_samples_cover_three_languages_and_every_shape():
    by_lang = {lang: [s for s in SAMPLES if s["lang"] == lang] for lang in ("ru", "pl", "en")}
    shapes = {s["shape"].split("-")[0] for s in SAMPLES}

    assert len(SAMPLES) >= 150 and all(len(items) >= 45 for items in by_lang.values())
    assert {"gmail", "thanks", "dash", "wrote", "outlook", "interleaved", "below"} <= shapes
    assert all(s["new"] for s in SAMPLES)


def test_exact_match_rate(capsys):
    rate, misses = exact_match_rate(SAMPLES)

    with capsys.disabled():
        for lang in ("ru", "pl", "en"):
            part = [s for s in SAMPLES if s["lang"] == lang]
            print(f"\nreply splitter {lang}: exact {exact_match_rate(part)[0]:.3f} of {len(part)}")
    assert rate >= EXACT_MATCH_FLOOR, [(s["lang"], s["shape"], s["text"][:50]) for s in misses]


@pytest.mark.parametrize(
    "text",
    [
        "Ok.\nOn Mon, 2 Mar 2026 at 10:00, Anna <anna@x.example> wrote:\n> Shall we?",
        "Ок.\nпн, 2 мар. 2026 г. в 10:00, Анна <anna@x.example>:\n> Делаем?",
        "Ok.\nW dniu pon., 2 mar 2026 o 10:00 Anna <anna@x.example> napisała:\n> Robimy?",
    ],
)
def test_one_line_reply_right_above_the_attribution_is_kept(text):
    split = split_reply(text)

    assert split.new_text in ("Ok.", "Ок.")
    assert split.quoted_text.splitlines()[-1] in ("Shall we?", "Делаем?", "Robimy?")


@pytest.mark.parametrize("opening", ["Thanks,", "Спасибо,", "Dzięki,"])
def test_short_message_opening_with_thanks_is_not_all_signature(opening):
    split = split_reply(f"{opening}\nok 👍\nAnna")

    assert split.new_text == f"{opening}\nok 👍" and split.signature == "Anna"


def test_signature_only_message_stays_signature():
    split = split_reply("Best regards,\nAnna Smith\nACME Ltd")

    assert split.new_text == "" and split.signature.startswith("Best regards")


def test_interleaved_answers_are_new_text_and_questions_are_quoted():
    split = split_reply("> Date?\nFriday.\n> Place?\nOur office.")

    assert split.new_text == "Friday.\n\nOur office."
    assert "Date?" in split.quoted_text and "Place?" in split.quoted_text
    assert "Date?" not in split.new_text


def test_date_field_in_the_clients_own_text_is_not_a_header():
    text = "Data: 14 marca pasuje nam.\nDo: zespołu IT, proszę o dostęp."

    assert split_reply(text).new_text == text
