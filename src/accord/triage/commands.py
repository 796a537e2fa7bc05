"""`accord triage train | classify | eval | export-heldout` (the JSONL contract is fixed)."""

from __future__ import annotations

import json
import sys

import click


def register(cli: click.Group) -> None:
    @cli.group()
    def triage() -> None:
        """Recognise difficult situations in client messages."""

    @triage.command()
    @click.option("--without-corrections", is_flag=True, help="Use the corpus only.")
    def train(without_corrections: bool) -> None:
        """Rebuild the packaged model from the corpus and the workspaces' accepted corrections."""
        from accord.triage import training

        extra = []
        if not without_corrections:
            from accord.cli import run_migrations, setup_django

            setup_django()
            run_migrations()
            from accord.triage.services import corrections_as_training_rows

            extra = corrections_as_training_rows()
        model, seconds = training.rebuild(extra=extra)
        click.echo(
            f"trained {model['version']} on {model['trained_on']} messages "
            f"({len(extra)} corrections) in {seconds:.1f}s -> {training.MODEL_PATH}"
        )

    reading_option = click.option(
        "--reading",
        type=click.Choice(["fast", "refined"]),
        help="fast: TF-IDF only (thousands a second); refined: with the sentence encoder "
        "(tens a second), the result Accord keeps.",
    )

    @triage.command()
    @click.argument("source", required=False, default="-")
    @click.option("--text", "text", help="Classify one text and print a readable summary.")
    @reading_option
    def classify(source: str, text: str | None, reading: str | None) -> None:
        """Classify JSONL objects {id, text} from FILE or stdin; one JSON object per line out."""
        from accord.triage.engine import classify as classify_one
        from accord.triage.engine import classify_many

        refined = reading == "refined"
        if text is not None:
            result = classify_one(text, refined=refined)
            click.echo(f"language: {result.lang}\ntone: {result.tone}\nurgency: {result.urgency}")
            click.echo("labels: " + (", ".join(result.labels) or "none (routine message)"))
            for item in result.evidence:
                click.echo(f"  {item.label}: “{item.text}”")
            return
        stream = sys.stdin if source == "-" else open(source, encoding="utf-8")  # noqa: SIM115
        with stream:
            items = []
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    items.append((item.get("id"), str(item.get("text", ""))))
                except json.JSONDecodeError as error:
                    raise click.ClickException(
                        f"line {number}: not valid JSON ({error.msg})"
                    ) from error
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            for (identifier, _text), result in zip(
                chunk, classify_many([t for _, t in chunk], refined=refined), strict=True
            ):
                click.echo(json.dumps({"id": identifier, **result.as_dict()}, ensure_ascii=False))

    @triage.command("eval")
    @click.argument("source", type=click.Path(exists=True))
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @reading_option
    def evaluate(source: str, as_json: bool, reading: str | None) -> None:
        """Score the model on labelled JSONL {id, text, labels, tone, urgency} (the refined
        reading unless --reading fast)."""
        from accord.triage import training
        from accord.triage.engine import classify_many

        with open(source, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        texts = [row["text"] for row in rows]
        refined = reading != "fast"
        result = training.evaluate(rows, classify_many(texts, with_evidence=False, refined=refined))
        click.echo(
            json.dumps(result.as_dict(), indent=2)
            if as_json
            else training.format_evaluation(result)
        )

    @triage.command("export-heldout")
    @click.argument("target", type=click.Path(dir_okay=False, writable=True), default="-")
    def export_heldout(target: str) -> None:
        """Write the fixed held-out split (never used for training) as JSONL."""
        from accord.triage import training

        _train, heldout = training.split_corpus(training.load_corpus())
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in heldout)
        if target == "-":
            click.echo(lines, nl=False)
        else:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(lines)
            click.echo(f"{len(heldout)} messages -> {target}")

    @triage.command("refine")
    @click.option("--batch", default=200, show_default=True, help="Messages per batch.")
    def refine(batch: int) -> None:
        """Read every stored fast result again with the sentence encoder."""
        from accord.cli import setup_django

        setup_django()
        from accord.triage.services import interactions_triage_refine

        done = 0
        while refined := interactions_triage_refine(limit=batch):
            done += len(refined)
        click.echo(f"refined: {done}")

    @triage.command("pending")
    @click.option("--batch", default=200, show_default=True, help="Messages per batch.")
    @click.option("--limit", type=int, help="Stop after this many messages.")
    @click.option("--retry-failed", is_flag=True, help="Try the failed ones again too.")
    @click.option("--status", "status_only", is_flag=True, help="Only print the counts.")
    def pending(batch: int, limit: int | None, retry_failed: bool, status_only: bool) -> None:
        """Triage every stored message still pending (or left by a worker that died)."""
        from accord.cli import setup_django

        setup_django()
        from accord.communications.models import Interaction
        from accord.core.work import WorkState
        from accord.triage.services import (
            _triage_queue,
            interactions_triage_pending,
            triage_counts,
        )

        done = 0
        if not status_only:
            if retry_failed:
                _triage_queue().requeue(
                    Interaction.objects.filter(direction="in", triage_state=WorkState.FAILED)
                )
            done = interactions_triage_pending(batch=batch, limit=limit)
        counts = triage_counts()
        click.echo(
            f"triaged: {done}, done: {counts['done']}, pending: {counts['pending']}, "
            f"running: {counts['running']}, failed: {counts['failed']}"
        )
