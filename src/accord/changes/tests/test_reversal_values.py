"""The reversal matcher reads a new value said as a fact ("45 дней" against "14 dni") and
asking for what an agreement excludes, with the real encoder; the same value said again is not a
reversal."""

import pytest

from accord.changes.reversal import AgreementText, reversal_candidates, states_other_value

AGREEMENTS = [
    AgreementText(1, "Запуск онлайн-записи для клиентов — 15 апреля"),
    AgreementText(2, "Visitors can cancel a booking up to 24 hours before the visit"),
    AgreementText(3, "Faktury są płatne przelewem w terminie 14 dni"),
    AgreementText(4, "Group bookings are excluded from this project"),
]


def _found(message: str) -> set[int]:
    return {match.agreement_id for match in reversal_candidates(message, AGREEMENTS)}


@pytest.mark.parametrize(
    ("message", "agreement"),
    [
        ("Klienci zobaczą zapisy online 3 czerwca, taką datę podajemy w newsletterze", 1),
        ("Отмена брони теперь возможна не позже чем за 48 часов до визита", 2),
        ("Faktury płacimy w terminie 30 dni od otrzymania, tak mamy w regulaminie", 3),
        ("Invoices for the portal are paid within 45 days of receipt, that is our policy", 3),
        ("Could you add group bookings as well? Schools keep asking", 4),
    ],
)
def test_a_new_value_or_an_excluded_thing_asked_for_goes_back_on_the_agreement(message, agreement):
    assert agreement in _found(message)


@pytest.mark.parametrize(
    "message",
    [
        "Дата не сдвигается: открываем онлайн-запись 15 апреля",
        "Faktury płacimy w 14 dni, jak w umowie",
        "How many visitors booked less than 24 hours before the visit on Saturday?",
        "Invoice 1021 for stage 4 is attached, three of us will review it",
    ],
)
def test_the_same_value_said_again_is_not_a_reversal(message):
    assert _found(message) == set()


def test_values_are_compared_by_kind():
    assert states_other_value("launch on 3 June", "Launch on 15 April")
    assert states_other_value("launch on 20 April", "Launch on 15 April")
    assert not states_other_value("launch on 15 April, as planned", "Launch on 15 April")
    # "may" the verb is not a month
    assert not states_other_value("the manager may refund 3 tickets", "Refunds on 3 tickets max")
    assert not states_other_value("no numbers here", "At most 200 visitors")
    assert states_other_value("Счета оплачиваем за 45 дней", "Faktury płatne w 14 dni")
    assert states_other_value("hotline from 7:00 to 22:00", "The hotline works from 8:00 to 18:00")
    # bare numbers and other units are not compared
    assert not states_other_value("invoice 1021 for stage 4", "Stage acceptance by checklist (9)")
    assert not states_other_value("within 45 days", "Deposit of 30% upfront")
    # Sums with the sign in front or grouped thousands are money like any other.
    assert states_other_value("the fee will be £4.95", "The delivery fee is £4.25 per order")
    assert states_other_value("minimum 3,000 PLN net", "Минимальный заказ — 2 500 злотых нетто")
    assert not states_other_value("zamówienia od 2500 zł", "Минимальный заказ — 2 500 злотых нетто")


SHOP = [
    AgreementText(1, "Клиент вносит предоплату 30% при подтверждении заказа"),
    AgreementText(2, "Portal pacjenta zostaje uruchomiony 3 listopada we wszystkich klinikach"),
    AgreementText(3, "Delivery slots are 1-hour windows, capped at 12 orders per van"),
    AgreementText(4, "Zadatek jest zwracany, jeśli pacjent odwoła wizytę 24 godziny przed"),
]


@pytest.mark.parametrize(
    ("message", "agreement"),
    [
        # Across languages, through shared concepts (launch, prepayment).
        ("Руководство решило: запуск портала — 1 октября, раньше, чем планировали", 2),
        ("We decided to drop the prepayment, dealers will pay on delivery", 1),
        # Raising a limit; the rest said to stay as it is.
        ("Can we raise the cap to 16 orders per van? The rest stays as is.", 3),
    ],
)
def test_new_cues_and_concepts_find_the_reversal(message, agreement):
    assert agreement in {m.agreement_id for m in reversal_candidates(message, SHOP)}


@pytest.mark.parametrize(
    "message",
    [
        # A fault to put right, information only, no change asked for, a meeting moved.
        "Na stronie startowej jest data 3 grudnia zamiast 3 listopada — proszę poprawić",
        "Średni koszyk w zeszłym tygodniu to 67 funtów, dane tylko do waszej wiadomości",
        "Can we move Thursday's slot review call to 15:30?",
        "Zgodnie z ustaleniem: portal ruszy 3 listopada, nic więcej nie dodajemy",
    ],
)
def test_faults_asides_and_confirmations_are_not_reversals(message):
    assert reversal_candidates(message, SHOP) == []


def test_the_agreements_own_words_in_a_question_are_its_topic_not_a_change():
    # "odwoła" is a change word, but here it is what the refund agreement is about.
    question = "Czy zadatek wraca na tę samą kartę, jeśli pacjent odwoła wizytę?"
    assert 4 not in {m.agreement_id for m in reversal_candidates(question, SHOP)}
    assert 4 in {m.agreement_id for m in reversal_candidates("Rezygnujemy ze zwrotu zadatku", SHOP)}
