"""E-mail ingestion benchmark: stdlib parse-only vs Accord's full import (parse, split, match, store).

Usage: python bench/ingest.py [--n 10000]
Prints messages per second of both, their ratio and the peak resident memory of the process.
Runs on a fresh SQLite database in a temporary data directory (or DATABASE_URL when set).
"""

from __future__ import annotations

import argparse
import base64
import email
import email.policy
import os
import quopri
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

BODIES = {
    "ru": [
        "Добрый день!\n\nКогда будет готов этап {n}? Мы уже опаздываем на две недели.",
        "Коллеги, счёт {n} оплатим в следующем месяце.",
        "Спасибо, всё работает. Замечаний по сборке {n} нет.",
    ],
    "pl": [
        "Dzień dobry,\n\nsklep nie działa od rana, klienci dzwonią! Zgłoszenie {n}.",
        "Faktura {n} została opłacona, dziękujemy.",
        "Czy możemy przesunąć demo na czwartek? Numer {n}.",
    ],
    "en": [
        "Hi team,\n\nthe booking page shows the wrong clinic hours again (ticket {n}).",
        "Thanks, the invoice {n} is paid.",
        "Could you add a second language? It is not in the contract, I know. Ref {n}.",
    ],
}
QUOTE = "\n\nOn Mon, 3 Mar 2026 at 09:12, Anna <anna@studio.example> wrote:\n> Previous message {n}\n> with two lines"
SIGNATURE = "\n\nBest regards,\nJohn Smith\nACME Ltd"
SENDERS = [
    "kravets@sevlog.ru",
    "tomasz@meblekowalski.pl",
    "rachel@brightwave.example",
    "unknown@else.example",
]


def make_message(index: int, rng: random.Random) -> bytes:
    language = rng.choice(list(BODIES))
    body = rng.choice(BODIES[language]).format(n=index)
    if rng.random() < 0.5:
        body += QUOTE.format(n=index)
    body += SIGNATURE
    shape = rng.choice(["utf8", "cp1251", "koi8", "iso2", "html", "qp", "b64", "noid"])
    headers = [
        f"From: Sender <{rng.choice(SENDERS)}>",
        "To: team@studio.example",
        f"Subject: Message {index}",
    ]
    if shape != "noid":
        headers += [
            f"Message-ID: <bench-{index}@bench.example>",
            "Date: Tue, 10 Mar 2026 10:15:00 +0300",
        ]
    charset, transfer, payload, content_type = "utf-8", "8bit", body.encode("utf-8"), "text/plain"
    if shape == "cp1251" and language == "ru":
        charset, payload = "windows-1251", body.encode("cp1251")
    elif shape == "koi8" and language == "ru":
        charset, transfer, payload = (
            "koi8-r",
            "quoted-printable",
            quopri.encodestring(body.encode("koi8-r")),
        )
    elif shape == "iso2" and language == "pl":
        charset, transfer, payload = (
            "iso-8859-2",
            "base64",
            base64.encodebytes(body.encode("iso-8859-2")),
        )
    elif shape == "html":
        content_type = "text/html"
        payload = (
            "<html><body>"
            + "".join(f"<p>{line}</p>" for line in body.splitlines())
            + "</body></html>"
        ).encode()
    elif shape == "qp":
        transfer, payload = "quoted-printable", quopri.encodestring(body.encode("utf-8"))
    elif shape == "b64":
        transfer, payload = "base64", base64.encodebytes(body.encode("utf-8"))
    head = "\r\n".join(
        headers
        + [
            "MIME-Version: 1.0",
            f"Content-Type: {content_type}; charset={charset}",
            f"Content-Transfer-Encoding: {transfer}",
        ]
    )
    return head.encode() + b"\r\n\r\n" + payload


def parse_only(messages: list[bytes]) -> float:
    start = time.perf_counter()
    for raw in messages:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
        if part is not None:
            part.get_content()
    return len(messages) / (time.perf_counter() - start)


def full_import(messages: list[bytes]) -> float:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from accord.clients.services import client_create, contact_create
    from accord.communications.ingestion.importer import mail_import_many
    from accord.projects.services import project_create
    from accord.workspaces.services import workspace_create

    workspace, owner = workspace_create(
        name="Bench", owner_username="bench", owner_password="bench-pass"
    )
    for domain, name in [
        ("sevlog.ru", "Sevlog"),
        ("meblekowalski.pl", "Kowalski"),
        ("brightwave.example", "Brightwave"),
    ]:
        client = client_create(
            workspace=workspace, actor=owner.user, name=name, email_domains=[domain]
        )
        project_create(client=client, actor=owner.user, name=f"{name} project")
    contact_create(
        client=client, actor=owner.user, name="Rachel", emails=["rachel@brightwave.example"]
    )
    start = time.perf_counter()
    summary = mail_import_many(
        workspace=workspace, items=((f"bench-{i}", raw) for i, raw in enumerate(messages))
    )
    elapsed = time.perf_counter() - start
    assert summary.imported + summary.duplicates == len(messages), summary
    return len(messages) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of messages (default 10000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("ACCORD_DATA_DIR", tempfile.mkdtemp(prefix="accord-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings.base")
    os.environ.setdefault("ACCORD_LOG_LEVEL", "WARNING")
    rng = random.Random(args.seed)
    messages = [make_message(index, rng) for index in range(args.n)]
    parse_rate = parse_only(messages)
    import_rate = full_import(messages)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"messages: {args.n}")
    print(f"stdlib parse-only: {parse_rate:,.0f} msgs/s")
    print(f"accord full import: {import_rate:,.0f} msgs/s")
    print(f"ratio: {import_rate / parse_rate:.1%} (target >= 35%)")
    print(f"peak RSS: {peak_mb:,.0f} MB (target < 400 MB)")


if __name__ == "__main__":
    main()
