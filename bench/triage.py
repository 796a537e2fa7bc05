"""Triage benchmark, for each reading: classify_many throughput, single-call p99 latency, model
load time, peak RSS. The fast reading (TF-IDF) reads every message on import; the refined one
(plus the multilingual sentence encoder) re-reads them in the background.

Usage: python bench/triage.py [--n 10000] [--refined-n 1000] [--reading fast|refined]
(without --reading both are measured, each in its own process so that peak RSS is its own).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def measure(reading: str, n: int, single: int) -> None:
    from accord.triage import engine, training

    refined = reading == "refined"
    started = time.perf_counter()
    model = engine.read_model(engine.MODEL_PATH)
    if refined:
        from accord.textkit.encoder import _get_model

        _get_model()
    load_seconds = time.perf_counter() - started
    texts = [row["text"] for row in training.load_corpus()]
    rng = random.Random(3)
    # distinct texts: the encoder keeps recent vectors, a repeated text would cost nothing
    batch = rng.sample(texts, min(n + single + 50, len(texts))) if refined else None
    if batch is None:
        batch = [rng.choice(texts) for _ in range(n + single + 50)]
    warm, timed, singles = batch[:50], batch[50 : 50 + n], batch[50 + n : 50 + n + single]

    engine.classify_many(warm, model=model, refined=refined)
    started = time.perf_counter()
    engine.classify_many(timed, model=model, refined=refined)
    throughput = len(timed) / (time.perf_counter() - started)

    latencies = []
    for text in singles:
        started = time.perf_counter()
        engine.classify_many([text], model=model, refined=refined)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    targets = (
        ("", "", "", "")
        if refined
        else (" (target >= 1,000)", " (target < 20 ms)", " (target < 1 s)", " (target < 300 MB)")
    )
    print(f"[{reading}] messages: {len(timed)} batch, {len(singles)} single")
    print(f"[{reading}] classify_many throughput: {throughput:,.0f} msgs/s{targets[0]}")
    print(
        f"[{reading}] single classify latency: median {statistics.median(latencies):.1f} ms, "
        f"p99 {p99:.1f} ms{targets[1]}"
    )
    print(f"[{reading}] model load: {load_seconds:.2f} s{targets[2]}")
    print(f"[{reading}] peak RSS: {peak:,.0f} MB{targets[3]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="batch size, fast reading")
    parser.add_argument("--refined-n", type=int, default=1_000, help="batch size, refined reading")
    parser.add_argument(
        "--single", type=int, default=1_000, help="single classify calls for the latency"
    )
    parser.add_argument("--refined-single", type=int, default=200)
    parser.add_argument("--reading", choices=["fast", "refined"])
    args = parser.parse_args()
    if args.reading == "fast":
        measure("fast", args.n, args.single)
    elif args.reading == "refined":
        measure("refined", args.refined_n, args.refined_single)
    else:
        for reading in ("fast", "refined"):
            subprocess.run(
                [sys.executable, __file__, "--reading", reading, *sys.argv[1:]], check=True
            )


if __name__ == "__main__":
    main()
