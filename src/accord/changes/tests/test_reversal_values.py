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
