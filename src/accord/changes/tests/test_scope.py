"""The scope check across languages, with the real encoder (never mocked): a request in one
language against scope items written in another."""

import json

import numpy as np

from accord.changes import textmatch
from accord.changes.scope import (
    NOT_COVERED,
    ScopeItemText,
    other_work,
    scope_check,
)
from accord.changes.textmatch import CONCEPTS, concept_share, concepts
from accord.textkit import encoder

RUSSIAN_CONTRACT = [
    ScopeItemText(1, "Каталог товаров с фильтрами"),
    ScopeItemText(2, "Личный кабинет поставщика"),
    ScopeItemText(3, "Мобильное приложение", excluded=True),
]


def test_polish_request_is_covered_by_a_russian_item():
    verdict = scope_check(
        "Filtry w katalogu produktów nie działają, popraw proszę", RUSSIAN_CONTRACT
    )

    assert verdict.verdict == "covered"
    assert verdict.matches[0].item_id == 1


def test_polish_request_about_a_russian_item_in_other_words_is_covered():
    verdict = scope_check("Dostawca nie może zalogować się do swojego panelu", RUSSIAN_CONTRACT)

    assert verdict.verdict == "covered"
    assert verdict.matches[0].item_id == 2


def test_english_request_for_an_excluded_russian_item_is_not_covered():
    verdict = scope_check("We want a mobile app for our suppliers", RUSSIAN_CONTRACT)

    assert verdict.verdict == NOT_COVERED
    assert verdict.matches[0].item_id == 3 and verdict.matches[0].excluded


def test_polish_request_for_an_excluded_english_item_is_not_covered():
    contract = [
        ScopeItemText(1, "Online shop with a product catalogue"),
        ScopeItemText(2, "Card payments at checkout"),
        ScopeItemText(3, "Loyalty points", excluded=True),
    ]

    verdict = scope_check("Chcemy naliczać klientom punkty za zakupy", contract)

    assert verdict.verdict == NOT_COVERED and verdict.matches[0].item_id == 3


HOTEL_CONTRACT = [
    ScopeItemText(1, "Online room booking"),
    ScopeItemText(2, "Booking confirmation e-mails"),
    ScopeItemText(3, "Card payments"),
    ScopeItemText(4, "Restaurant table reservations", excluded=True),
]


def test_a_fault_in_an_in_scope_item_is_covered_in_words_far_from_its_title():
    # Both read "not covered" before the check heard the triage's defect score.
    for request in (
        "Гости не получают письмо после бронирования номера",
        "Po rezerwacji pokoju goście nie dostają żadnego maila",
    ):
        assert scope_check(request, HOTEL_CONTRACT).verdict == "covered", request


def test_a_new_feature_next_to_the_same_items_stays_not_covered():
    for request in (
        "Добавьте бронирование столиков в ресторане",
        "Нужна программа лояльности для постоянных гостей",
    ):
        assert scope_check(request, HOTEL_CONTRACT).verdict == NOT_COVERED, request


def test_more_of_an_in_scope_item_is_unclear():
    verdict = scope_check("Добавьте ещё один каталог, для оптовых покупателей", RUSSIAN_CONTRACT)

    assert verdict.verdict == "unclear"


def test_a_shared_word_stem_is_not_scope_when_the_request_is_other_work():
    # "accounting" and "account" share a stem; an export of orders is neither item.
    contract = [
        ScopeItemText(1, "Product catalogue"),
        ScopeItemText(2, "Supplier account"),
        ScopeItemText(3, "Mobile app", excluded=True),
    ]

    verdict = scope_check(
        "Please add an export of orders to a spreadsheet for accounting", contract
    )

    assert verdict.verdict == NOT_COVERED


def test_nothing_to_compare_is_not_covered():
    assert scope_check("Add a chat", []).verdict == NOT_COVERED
    assert scope_check("   ", RUSSIAN_CONTRACT).verdict == NOT_COVERED


def test_shipped_other_work_vectors_are_the_encoders():
    texts, vectors = other_work()
    sample = [0, len(texts) // 2, len(texts) - 1]

    fresh = encoder.embed([texts[index] for index in sample], "passage")

    assert vectors.shape == (len(texts), encoder.DIMENSION)
    assert np.all(np.sum(fresh * vectors[sample], axis=1) > 0.999)


def test_concepts_are_shared_across_languages_and_word_forms():
    # "eksport faktur" names both concepts of "Выгрузка счетов", in other words and another case.
    assert concept_share("Chcemy eksport faktur do 1C", "Выгрузка счетов в 1С") == 1.0
    assert concept_share("Please send the invoices", "Выгрузка счетов") == 0.5
    assert concept_share("Newsletter dla klientów", "Выгрузка счетов") == 0.0
    # Words that carry no concept of their own name none.
    assert concepts("Please could you do this for us today") == set()


def test_every_concept_has_words_in_the_three_languages():
    lexicon = json.loads(CONCEPTS.read_text(encoding="utf-8"))
    assert len(lexicon) > 300
    for name, languages in lexicon.items():
        assert set(languages) == {"ru", "pl", "en"}, name
        assert all(
            words and all(w == w.lower() and " " not in w for w in words)
            for words in languages.values()
        ), name


def test_shared_concepts_carry_a_request_in_another_language_to_its_item(monkeypatch):
    items = [
        ScopeItemText(1, "Выгрузка счетов в 1С"),
        ScopeItemText(2, "Рассылка уведомлений клиентам по SMS"),
        ScopeItemText(3, "Личный кабинет покупателя"),
        ScopeItemText(4, "Программа лояльности", excluded=True),
        ScopeItemText(5, "Мобильное приложение", excluded=True),
    ]
    request = "Please add the invoice export to 1C for the March batch"

    assert scope_check(request, items).verdict == "covered"
    monkeypatch.setattr(textmatch, "concept_share", lambda _request, _text: 0.0)
    assert scope_check(request, items).verdict == NOT_COVERED
