"""The triage engine: classify(text) -> Triage, classify_many(texts) (no Django imports).

Two readings share one packaged model. The fast one (TF-IDF views, linear models, thousands of
messages a second) reads every message as it arrives; the refined one adds the multilingual
sentence encoder's embedding to the same views (tens of messages a second) and re-reads the
stored messages in the background. A refined result's model version ends in ``+e5``.
Every label score is a calibrated probability (Platt scaling fitted on out-of-fold scores).
"""

from __future__ import annotations

import gzip
import pickle
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack

from accord.textkit.language import detect_language
from accord.textkit.replies import split_reply

from .catalogue import LABELS

MODEL_PATH = Path(__file__).resolve().parent / "model" / "triage.pkl.gz"
REFINED_SUFFIX = "+e5"
MAX_CHARS = 20_000
CHUNK = 500
TONE_LABEL_WEIGHT = 1.0
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
_PRINTABLE = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass
class Evidence:
    label: str
    text: str


@dataclass
class Triage:
    labels: list[str]
    scores: dict[str, float]
    tone: str
    urgency: str
    lang: str
    evidence: list[Evidence] = field(default_factory=list)
    model_version: str = ""

    @property
    def is_refined(self) -> bool:
        return is_refined_version(self.model_version)

    def as_dict(self) -> dict:
        return {
            "labels": self.labels,
            "scores": self.scores,
            "tone": self.tone,
            "urgency": self.urgency,
            "lang": self.lang,
            "evidence": [{"label": e.label, "text": e.text} for e in self.evidence],
        }


def read_model(path: str | Path) -> dict:
    """A model file as ``training.save`` writes it: a gzip-compressed pickle.

    Not joblib: its unpickler is the pure-Python one, and the model's 370,000 strings (the
    vocabularies and lemma tables) took it 1.2 s to read, against 0.3 s with the C one."""
    with gzip.open(path, "rb") as stream:
        return pickle.load(stream)


@cache
def load_model(path: str | None = None) -> dict:
    """The packaged model: feature builder, one classifier per label, thresholds, tone and urgency.

    A model pickled by another scikit-learn release is rebuilt from the corpus (a few seconds)
    rather than trusted, when the corpus is at hand."""
    import warnings

    import sklearn

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = read_model(path or MODEL_PATH)
    if model.get("sklearn") != sklearn.__version__ and path is None:
        from . import training

        rows = training.load_corpus()
        if rows:
            model = training.train(training.split_corpus(rows)[0])
    return model


def is_refined_version(model_version: str) -> bool:
    """Whether a stored result came from the encoder reading (else the fast one)."""
    return (model_version or "").endswith(REFINED_SUFFIX)


def has_refined_path(model: dict | None = None) -> bool:
    return "refined" in (model or load_model())


def path_of(model: dict, *, refined: bool) -> dict:
    """The label, gate, tone and urgency models and thresholds of one reading.

    The fast reading's parts sit at the top level of the model (the layout older models had);
    the refined reading's in ``model["refined"]``."""
    return model["refined"] if refined else model


def embedding_features(texts: list[str], weight: float):
    """The sentence encoder's view of the texts, scaled to sit beside the TF-IDF views."""
    from accord.textkit.encoder import embed

    vectors = embed(texts, "query") if texts else np.zeros((0, 384), dtype=np.float32)
    return csr_matrix(vectors * weight)


def calibrate(raw: np.ndarray, calibration: dict | None) -> np.ndarray:
    """Platt scaling of raw label probabilities: sigmoid(a * logit(p) + b) per label column."""
    if not calibration:
        return raw
    clipped = np.clip(raw, 1e-6, 1 - 1e-6)
    logits = np.log(clipped / (1 - clipped))
    slopes = np.array([calibration[label][0] for label in LABELS])
    offsets = np.array([calibration[label][1] for label in LABELS])
    return 1.0 / (1.0 + np.exp(-(logits * slopes + offsets)))


def clean_text(text) -> str:
    """The client's own new words: quotes and signature removed, junk and huge input tamed."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = str(text or "")[: MAX_CHARS * 5]
    text = text.replace("\x00", " ")
    new_text = split_reply(text).new_text
    return new_text[:MAX_CHARS]


def tone_inputs(features, probabilities: np.ndarray):
    """Text features plus the label probabilities: a message's situations say much about its tone."""
    return hstack([features, csr_matrix(probabilities * TONE_LABEL_WEIGHT)]).tocsr()


def _is_readable(text: str) -> bool:
    letters = len(_PRINTABLE.findall(text))
    return letters >= 2 and letters >= len(text) * 0.3


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(text) if len(part.strip()) > 2]


def path_features(model: dict, texts: list[str], *, refined: bool):
    """The inputs of one reading: the TF-IDF views, plus the encoder's embedding when refined."""
    features = model["features"].transform(texts)
    if not refined:
        return features
    weight = model["refined"]["embedding_weight"]
    return hstack([features, embedding_features(texts, weight)]).tocsr()


def path_probabilities(path: dict, features) -> tuple[np.ndarray, np.ndarray]:
    """(raw label probabilities, gate probabilities) of one reading."""
    raw = np.column_stack([path["labels"][label].predict_proba(features)[:, 1] for label in LABELS])
    # "does this message show any situation at all?": routine messages get no labels
    gate = (
        path["gate"].predict_proba(features)[:, 1]
        if "gate" in path
        else np.ones(features.shape[0], dtype=float)
    )
    return raw, gate


def classify_many(
    texts: list[str],
    *,
    model: dict | None = None,
    with_evidence: bool = True,
    refined: bool = False,
) -> list[Triage]:
    """Read the texts; ``refined`` uses the sentence encoder too (slower, better), when the
    model has that reading."""
    model = model or load_model()
    refined = refined and "refined" in model
    if len(texts) > CHUNK:
        # feature extraction of a big batch builds large temporary lists: keep memory flat
        return [
            result
            for start in range(0, len(texts), CHUNK)
            for result in classify_many(
                texts[start : start + CHUNK],
                model=model,
                with_evidence=with_evidence,
                refined=refined,
            )
        ]
    cleaned = [clean_text(text) for text in texts]
    readable = [bool(text) and _is_readable(text) for text in cleaned]
    results: list[Triage] = []
    rows = [text if ok else "" for text, ok in zip(cleaned, readable, strict=True)]
    path = path_of(model, refined=refined)
    version = model["version"] + (REFINED_SUFFIX if refined else "")
    features = path_features(model, rows, refined=refined)
    raw, gate = path_probabilities(path, features)
    probabilities = calibrate(raw, path.get("calibration"))
    tones = path["tone"].predict(tone_inputs(features, raw))
    urgencies = path["urgency"].predict(features)
    for index, text in enumerate(cleaned):
        lang = detect_language(text) if readable[index] else "unknown"
        if not readable[index]:
            results.append(
                Triage(
                    [],
                    dict.fromkeys(LABELS, 0.0),
                    "neutral",
                    "normal",
                    lang,
                    model_version=version,
                )
            )
            continue
        scores = {label: round(float(probabilities[index, j]), 4) for j, label in enumerate(LABELS)}
        labels = (
            [label for label in LABELS if scores[label] >= path["thresholds"][label]]
            if gate[index] >= path.get("gate_threshold", 0.0)
            else []
        )
        results.append(
            Triage(
                labels,
                scores,
                str(tones[index]),
                str(urgencies[index]),
                lang,
                model_version=version,
            )
        )
    if with_evidence:
        _attach_evidence(results, cleaned, model)
    return results


def _attach_evidence(results: list[Triage], texts: list[str], model: dict) -> None:
    """The sentence that most supports each label: the phrases that made the engine decide.

    Sentences are scored by the fast reading's label models in both readings: embedding every
    sentence would multiply the encoder's cost, and the phrase that carries a label is found
    as well by its words."""
    jobs = [
        (i, label, sentence)
        for i, result in enumerate(results)
        for label in result.labels
        for sentence in (_sentences(texts[i]) or [texts[i]])
    ]
    if not jobs:
        return
    features = model["features"].transform([sentence for _, _, sentence in jobs])
    best: dict[tuple[int, str], tuple[float, str]] = {}
    for row, (i, label, sentence) in enumerate(jobs):
        score = float(model["labels"][label].decision_function(features[row])[0])
        if (i, label) not in best or score > best[(i, label)][0]:
            best[(i, label)] = (score, sentence)
    for (i, label), (_score, sentence) in sorted(best.items()):
        results[i].evidence.append(Evidence(label, sentence[:300]))


def classify(text: str, *, refined: bool = False) -> Triage:
    return classify_many([text], refined=refined)[0]
