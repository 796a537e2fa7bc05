import threading

import numpy as np
import pytest

from accord.textkit import encoder


def test_embeddings_are_normalised_and_deterministic():
    encoder.cache_clear()
    first = encoder.embed(["Szkolenie dla recepcji", "Обучение администраторов"], "passage")
    encoder.cache_clear()
    second = encoder.embed(["Szkolenie dla recepcji", "Обучение администраторов"], "passage")

    assert first.shape == (2, encoder.DIMENSION)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first, second)


def test_query_and_passage_prefixes_give_different_vectors():
    query = encoder.embed(["mobile app for patients"], "query")[0]
    passage = encoder.embed(["mobile app for patients"], "passage")[0]

    assert not np.array_equal(query, passage)
    assert encoder.cosine(query, passage) > 0.9


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        encoder.embed(["text"], "document")


@pytest.mark.parametrize(
    ("left", "paraphrase", "unrelated"),
    [
        (
            "Нужна интеграция с маркетплейсом Allegro",
            "Potrzebujemy integracji z Allegro",
            "Proszę o fakturę za marzec",
        ),
        (
            "Staff training for the reception team",
            "Обучение сотрудников регистратуры",
            "The server is down again",
        ),
        (
            "Aplikacja mobilna dla klientów sklepu",
            "A mobile app for the shop's customers",
            "Перенесите созвон на четверг",
        ),
    ],
)
def test_a_paraphrase_in_another_language_scores_higher_than_an_unrelated_text(
    left, paraphrase, unrelated
):
    vectors = encoder.embed([left, paraphrase, unrelated], "query")

    assert encoder.cosine(vectors[0], vectors[1]) > encoder.cosine(vectors[0], vectors[2]) + 0.05


def test_cache_returns_same_vectors_and_stays_bounded(monkeypatch):
    monkeypatch.setattr(encoder, "CACHE_SIZE", 3)
    encoder.cache_clear()
    texts = ["one", "two", "three", "four", "two"]
    vectors = encoder.embed(texts, "query")

    assert np.array_equal(vectors[1], vectors[4])
    assert len(encoder._cache) == 3
    assert np.array_equal(encoder.embed(["four"], "query")[0], vectors[3])


def test_concurrent_calls_agree():
    encoder.cache_clear()
    texts = [f"Zmiana terminu odbioru numer {number}" for number in range(8)]
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(encoder.embed(texts, "query"))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 3
    assert all(np.array_equal(results[0], other) for other in results[1:])
