"""Triage benchmark: classify_many throughput, single-call p99 latency, model load time, peak RSS.

Usage: python bench/triage.py [--n 10000]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument(
        "--single", type=int, default=1_000, help="single classify calls for the latency"
    )
    args = parser.parse_args()

    import joblib

    from accord.triage import engine, training

    started = time.perf_counter()
    model = joblib.load(engine.MODEL_PATH)
    load_seconds = time.perf_counter() - started
    texts = [row["text"] for row in training.load_corpus()]
    rng = random.Random(3)
    batch = [rng.choice(texts) for _ in range(args.n)]

    engine.classify_many(batch[:50], model=model)  # warm-up
    started = time.perf_counter()
    engine.classify_many(batch, model=model)
    throughput = args.n / (time.perf_counter() - started)

    latencies = []
    for text in batch[: args.single]:
        started = time.perf_counter()
        engine.classify_many([text], model=model)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"messages: {args.n}")
    print(f"classify_many throughput: {throughput:,.0f} msgs/s (target >= 1,000)")
    print(
        f"single classify latency: median {statistics.median(latencies):.1f} ms, p99 {p99:.1f} ms (target < 20 ms)"
    )
    print(f"model load: {load_seconds:.2f} s (target < 1 s)")
    print(f"peak RSS: {peak:,.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
