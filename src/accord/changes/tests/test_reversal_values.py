"""The reversal matcher reads a new value said as a fact ("250 a slot" against "at most 200") and
asking for what an agreement excludes, with the real encoder; the same value said again is not a
reversal."""

import pytest

from accord.changes.reversal import AgreementText, reversal_candidates, states_other_value

AGREEMENTS = [
    AgreementText(1, "Запуск онлайн-записи для клиентов — 15 апреля"),
    AgreementText(2, "At most 200 visitors can be booked per one-hour entry slot"),
    AgreementText(3, "Faktury są płatne przelewem w terminie 14 dni"),
    AgreementText(4, "Group bookings are excluded from this project"),
]


def _found(message: str) -> set[int]:
    return {match.agreement_id for match in reversal_candidates(message, AGREEMENTS)}


@pytest.mark.parametrize(
    ("message", "agreement"),
    [
        ("Klienci zobaczą zapisy online 3 czerwca, taką datę podajemy w newsletterze", 1),
        ("В каждый часовой слот продаём 250 билетов, столько вмещает новый зал", 2),
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
        "Was the 200 visitors limit per slot reached on Saturday?",
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
