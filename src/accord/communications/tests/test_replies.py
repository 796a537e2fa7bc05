"""Reply and signature splitting on real-world-shaped ru, pl and en samples."""

import json
from pathlib import Path

from accord.textkit.replies import split_reply

SAMPLES = json.loads((Path(__file__).parent / "fixtures" / "reply_samples.json").read_text())
ACCURACY_FLOOR = 1.0


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def test_sample_set_is_large_and_covers_three_languages():
    texts = " ".join(sample["text"] for sample in SAMPLES)

    assert len(SAMPLES) >= 60
    assert "пишет" in texts and "napisał" in texts and "wrote:" in texts


def test_new_text_accuracy_on_samples(capsys):
    misses = [
        sample
        for sample in SAMPLES
        if _norm(split_reply(sample["text"]).new_text) != _norm(sample["new"])
    ]
    accuracy = 1 - len(misses) / len(SAMPLES)

    with capsys.disabled():
        print(
            f"\nreply splitter: {len(SAMPLES) - len(misses)}/{len(SAMPLES)} correct, accuracy={accuracy:.3f}"
        )
    assert accuracy >= ACCURACY_FLOOR, [sample["text"][:60] for sample in misses]


def test_quoted_complaint_stays_out_of_new_text():
    split = split_reply(
        "Thanks!\n\nOn Fri, Mar 6, 2026 at 11:30 AM Rachel <r@x.com> wrote:\n> This is unacceptable."
    )

    assert split.new_text == "Thanks!"
    assert "unacceptable" in split.quoted_text
    assert "unacceptable" not in split.new_text


def test_signature_is_kept_separately():
    split = split_reply("Invoice paid.\n\nZ poważaniem\nEwa Lewandowska\nKsięgowa")

    assert split.new_text == "Invoice paid."
    assert split.signature.startswith("Z poważaniem")
