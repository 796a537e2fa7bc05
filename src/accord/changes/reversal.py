"""Does a client message go back on an accepted agreement? (plain Python, ru/pl/en)

A message is a candidate when it goes back on something (words of changing one's mind, a moved
date, a new state said as such; or asking for more against an agreement that limits something),
neither keeps a decision nor reports a fault, and talks about the agreement's topic: lexically
(same language), or by the multilingual encoder, when the agreement stands out from the project's
other accepted agreements for this message (e5's cosines are compressed, so only the relative
standing carries meaning). Thresholds were fitted on the tuning pairs only
(tests/fixtures/reversal_pairs*.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.textkit import encoder

from .textmatch import concepts, stems, word_or_concept_share

TOPIC_THRESHOLD = 0.15
# How far above the mean cosine of the project's agreements the best one must be. Both thresholds
# come from a grid on the tuning pairs (plateau: topic 0.08..0.15, standout 0.005..0.008); see
# data/reversal/README.md for the figures with each tuning project left out of the pick.
ENCODER_STANDOUT = 0.006
# Words of changing one's mind, refusing or replacing: on their own they prove nothing, next to the
# topic of an accepted decision they signal a reversal.
REVERSAL_CUES = re.compile(
    r"(передумал\w*|отмен\w+|вместо|не нужн\w*|не будем|не надо|не хотим|уже не|больше не|откажемся|отказываемся|"
    r"всё-таки|все-таки|теперь (нужн|хотим|надо)|пересмотр\w*|другой вариант|измени\w+|"
    r"zamiast|jednak|rezygnuj\w*|nie chcemy|już nie|juz nie|nie potrzebujemy|zmieni\w+|odwoł\w+|"
    r"wycofuj\w*|teraz (chcemy|potrzebujemy)|inaczej|"
    r"instead|changed our mind|no longer|cancel\w*|drop\w*|don't want|do not want|won't need|"
    r"actually (we|let)|rather|scrap\w*|reverse\w*|switch\w* to|now we (want|need)|not anymore|"
    # Second-round cues: a decision redone, unsuitable, moved, or widened beyond what was agreed.
    r"не подход\w*|не устраива\w*|переделать|переделыва\w*|не соглас\w*|не дожидаясь|а не |"
    r"ещё и|еще и|придётся измен\w*|"
    r"nie pasuj\w*|odpada\w*|przenie\w+|przesu\w+|wolimy|nie zgadza\w*|od razu|"
    r"after all|revis\w+|redo\w*|redone|we now (want|need)|no longer|doesn't work for us|"
    r"move (it|them|the)\b|postpone\w*|as well|too\b|instead|"
    # Third round: giving up, removing or switching, "from now on", "X, not Y".
    r"rezygn\w*|убира\w*|убер\w*|переход\w* (с|со|на)\b|отныне|с этого момента|from now on|od teraz|"
    r",\s*not\b|,\s*nie\b|nie musimy|no need to|we don't need|"
    # Fourth round: a new state said as such ("теперь", "od teraz", "right away", longer, shorter).
    r"теперь|сразу|od teraz|teraz|right away|straight away|at once|immediately|"
    r"продл\w*|сократ\w*|увелич\w*|уменьш\w*|wydłuż\w*|skróc\w*|zwiększ\w*|zmniejsz\w*|"
    r"extend\w*|shorten\w*|increase\w*|reduce\w*|"
    # Fifth round: switched off, decided anew, proposed instead.
    r"отключ\w*|выключ\w*|wyłącz\w*|wylacz\w*|turn(ed)? off|switch(ed)? off|disabl\w*|"
    r"решил\w*|решено|zdecydowa\w*|decided|decision|"
    r"предлага\w*|proponuj\w*|we propose|we suggest|we'd suggest|"
    r"повыс\w*|пониз\w*|сниз\w*|podnie\w*|podwyższ\w*|obniż\w*|obniz\w*|rais(e|ing)\b|lower\b|"
    r"skró[cć]\w*)",
    re.IGNORECASE,
)
# A date or a deadline moved: "переносим на апрель", "przesuwamy", "dopiero w czerwcu", "push it to
# July". Said about an agreement's topic, a moved date goes back on it even without regret words.
MOVE_CUES = re.compile(
    r"(перенос\w*|перенес\w*|перенёс\w*|сдвига\w*|сдвин\w*|отлож\w*|позже|раньше|только в |"
    r"przesuw\w*|przesun\w*|przenosi\w*|przenie\w+|dopiero|później|pozniej|wcześniej|odkład\w*|"
    r"mov(e|ing) (it |them |the \w+ )?to|push\w*\b.{0,40}?\b(back|to)\b|postpon\w*|delay\w*|"
    r"later|earlier|not until|go(es)? out on|now\b)",
    re.IGNORECASE,
)
# Asking for more ("also", "тоже", "też") goes back on an agreement that limits something ("only",
# "без", "tylko", "read-only"); next to any other agreement it is ordinary new work.
ADDITION_CUES = re.compile(
    r"(тоже|также|ещё|еще|добав\w+|кроме|наряду|też|tez|także|takze|również|dodaj\w*|obok|oprócz|"
    r"also|too\b|as well|add\b|next to|besides|in addition|"
    # Loosening a limit: "разрешите", "pozwólcie", "allow", "should be able to".
    r"разреш\w*|позвол\w*|pozw[oó]l\w*|zezw[aoó]l\w*|allow\w*|should be able|"
    r"powinni móc|powin\w+ móc|mają móc|могли бы|смогут|должн\w+ иметь возможность|"
    # Adding something or someone: "dodać", "вместе с", "give the call centre access".
    r"doda\w*|razem z|вместе с|together with|along with|"
    r"give [\w -]{0,40}access|grant\w* access|доступ (для|к)\b|dostęp (dla|do)\b|udostępn\w*)",
    re.IGNORECASE,
)
RESTRICTIVE = re.compile(
    r"(только|без |никогда|не больше|не более|tylko|bez |nigdy|nie więcej|"
    r"only|never|without|no more than|read-only|"
    # Exclusions and upper limits: "не входит", "wyłącznie", "excluded", "at most".
    r"не входит|не входят|исключ\w*|не включ\w*|максимум|"
    r"wyłącznie|wylacznie|nie obejmuje|nie wchodz\w*|poza zakres\w*|maksymalnie|najwyżej|"
    r"exclusively|solely|excluded|not included|not part of|out of scope|at most|up to)",
    re.IGNORECASE,
)
# A fault report about the agreed thing ("the card payment failed") is not going back on it.
PROBLEM_CUES = re.compile(
    r"(не работа\w*|ошибк\w*|не приход\w*|не приш\w*|не доход\w*|не проход\w*|дважды|проверьте|"
    r"nie działa\w*|błęd\w*|błąd|nie doszł\w*|nie dochodz\w*|nie może|"
    r"failed|fails|doesn't work|isn't|error|any idea|broken|can't|cannot|не могут|nie mogą|"
    # Asking to put right what shows wrongly: a fault, not a new decision.
    r"proszę poprawić|prosimy poprawić|prosze poprawic|исправьте|please (fix|correct|check)|"
    r"proszę sprawdzić|prosimy sprawdzić|nie widzi|не видит|не видят|"
    r"\bbug\w*|\bбаг\w*|(can|could) you (please )?check|look into|разберитесь|sprawdźcie|"
    r"przyjrzyjcie)",
    re.IGNORECASE,
)
# A meeting, a lesson or a trip cancelled or moved is not an agreement going back, unless the
# agreement is itself about such an event ("weekly call on Mondays", "training on launch day").
EVENTS = re.compile(
    r"(встреч\w*|созвон\w*|планёрк\w*|планерк\w*|собрани\w*|совещани\w*|урок\w*|занят\w*|"
    r"тренировк\w*|обучени\w*|рейс\w*|поезд\w*|конференц\w*|гостиниц\w*|отел\w*|"
    r"hotel\w*|nocleg\w*|"
    r"spotkani\w*|zebrani\w*|narad\w*|\blot\b|pociąg\w*|lekcj\w*|zajęci\w*|szkoleni\w*|konferencj\w*|"
    r"meeting\w*|call\b|calls\b|flight\w*|train\b|open day|conference|lesson\w*|class\b|"
    r"classes|session\w*|training)",
    re.IGNORECASE,
)

# A message that says it is only for information, or about something outside the project
# ("just FYI", "to nie dotyczy waszego systemu"), goes back on nothing.
ASIDE_CUES = re.compile(
    r"(\bfyi\b|for your information|just so you know|doesn't affect|does not affect|"
    r"nie dotyczy|tylko informuję|informuję tylko|dla informacji|informacyjnie|"
    r"do (waszej |twojej |pana |pani )?wiadomości|к сведению|для сведения|"
    r"не касается|не относится к|просто для информации|для информации|"
    # Asking how the agreed thing works: "Pytam, jak to działa", "just want to know".
    r"jak to działa|как это работает|how (it|this|that) (works|behaves)|just want to (know|understand)|"
    r"chcę (tylko )?wiedzieć|хочу понять|хотим понять)",
    re.IGNORECASE,
)
# "The rest stays as it is": a confirmation of everything but what the message changes.
REST_UNCHANGED = re.compile(
    r"(reszt\w*|остальн\w*|the rest|everything else|all else)\W+(\w+\W+){0,3}?"
    r"(bez zmian|jak jest|без изменений|по плану|as is|as it is|stays|unchanged|the same)",
    re.IGNORECASE,
)

# Words that keep a decision as it is: a message that says so is not a reversal, whatever else it
# cancels or moves (a meeting, a photo shoot).
CONFIRMATION_CUES = re.compile(
    r"(как договаривались|как договорились|как и договорились|остаётся|остается|оставляем|"
    r"без изменений|подтвержда\w*|(?<!не )устраивает|"
    # A date or a rule said not to move: "дата не сдвигается", "nic nie zmieniamy", "not moving".
    r"не сдвига\w*|не переносится|не переносим|ничего не меняем|"
    r"nie przesuwa\w*|nic nie zmieniamy|nie zmieniamy|"
    r"not moving|won't move|doesn't move|does not move|no change|nothing changes|"
    r"jak ustaliliśmy|jak ustalono|zostaje|bez zmian|potwierdza\w*|"
    r"as agreed|as planned|as we said|as before|stays|confirmed|keep it|"
    r"в силе|(?<!nie )nas to urządza|(?<!nie )odpowiada nam|(?<!n't )works for us|fine by us|fine with us|still works|"
    # "As settled", "still not needed", "the rest stays as is".
    r"zgodnie z ustaleni\w*|согласно договор\w*|as discussed|per (our|the) agreement|"
    r"nadal nie|wciąż nie|по-прежнему не|still (no|not|don't|do not)\b|"
    # Said outright that nothing changes: "правила не трогаем", "not asking to change it".
    r"не трогаем|не меняется|не меняются|nie chcemy nic zmieniać|się nie zmienia|nie zmienia się|"
    r"not asking (to|for)|we're not asking|nie prosimy o|не просим|doesn't change|does not change|"
    r"менять не нужно|не нужно менять|nie trzeba (nic )?zmieniać|no need to change|"
    r"остаются прежн\w*|остаются без изменений|pozostaj[ąe] bez zmian|remains? (the same|unchanged)|"
    # The client restating the agreement as understood: "Rozumiem, że ... w drugim etapie".
    r"rozumiem, że|понимаю, что|как я понимаю|as I understand|I understand that)",
    re.IGNORECASE,
)


# Months in ru, pl and en (stems that take every case ending: "апреля", "kwietnia", "April").
_MONTHS = (
    r"янв|stycz|jan",
    r"фев|lut|feb",
    r"мар|mar",
    r"апр|kwie|apr",
    r"ма[йяе]|maj|may",
    r"июн|czerw|jun",
    r"июл|lip|jul",
    r"авг|sierp|aug",
    r"сен|wrze|sep",
    r"окт|paźdz|pazdz|oct",
    r"ноя|listop|nov",
    r"дек|grud|dec",
)
_MONTH = re.compile(
    "|".join(f"(?P<m{number}>{stems})" for number, stems in enumerate(_MONTHS, start=1)),
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:-?(?:го|е|th|st|nd|rd|ego|\.))?\s+(?P<month>[^\W\d_]{3,})", re.IGNORECASE
)
_MONTH_DAY = re.compile(r"\b(?P<month>[^\W\d_]{3,})\s+(\d{1,2})\b(?![:.,]\d)", re.IGNORECASE)
_MONTH_WORD = re.compile(r"\b[^\W\d_]{3,}", re.IGNORECASE)
# A quantity is a number with its unit (the same units in ru, pl and en compare with each other),
# or a clock time: a bare number (an invoice, a stage, a count of people) says nothing comparable.
_UNITS = {
    "day": r"дн|ден|сут|dni|dzie|dnia|day",
    "week": r"недел|tydz|tygod|week",
    "month": r"месяц|miesi|month",
    "year": r"год|лет|rok|lat|year",
    "hour": r"час|godz|hour|h\b",
    "minute": r"мин|minut|min\b",
    "percent": r"%|процент|proc|percent",
    "money": r"руб|₽|zł|zl\b|złot|zlot|злот|pln|eur|€|usd|\$|dollar|£|gbp|фунт|funt|pound",
}
# A sum with its currency sign in front: "£4.25", "$10", "€ 5".
_MONEY_FIRST = re.compile(r"[£$€]\s?(\d{1,3}(?:[ \u00a0,.]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?!\d)")
_QUANTITY = re.compile(
    # Thousands may be grouped: "2 500 zł", "3,000 PLN", "10 000".
    r"(?<![\d:.,])(\d{1,3}(?:[ \u00a0,.]\d{3})+(?!\d)|\d+)(?:[.,](\d{1,2})(?!\d))?\s?(?:"
    + "|".join(f"(?P<{unit}>{stems})" for unit, stems in _UNITS.items())
    + ")",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?<![\d:.,])([01]?\d|2[0-3])[:.]([0-5]\d)\b")


def _month(word: str) -> int | None:
    found = _MONTH.match(word)
    if found is None or (word.lower().startswith("may") and len(word) > 3):
        return None
    return next(int(name[1:]) for name, value in found.groupdict().items() if value)


def _number(digits: str, decimals: str | None) -> int:
    """Hundredths: "4.25" is 425, "2 500" is 250000."""
    return int(re.sub(r"\D", "", digits)) * 100 + int((decimals or "").ljust(2, "0"))


_Values = tuple[set[tuple[int, int]], set[int], set[tuple[str, int]]]


def _values(text: str) -> _Values:
    """The dates (day, month), the months and the quantities (unit, number) a text states."""
    dates, months, numbers = set(), set(), set()
    taken: list[tuple[int, int]] = []
    for pattern, day_group in ((_DAY_MONTH, 1), (_MONTH_DAY, 2)):
        for found in pattern.finditer(text):
            month = _month(found.group("month"))
            if month is not None and 1 <= int(found.group(day_group)) <= 31:
                dates.add((int(found.group(day_group)), month))
                taken.append(found.span(day_group))
    dated_months = {month for _, month in dates}
    for found in _MONTH_WORD.finditer(text):
        month = _month(found.group())
        # "may" the verb is a month only next to a day
        if month is not None and (found.group().lower() != "may" or month in dated_months):
            months.add(month)
    for found in _QUANTITY.finditer(text):
        if not any(start <= found.start() < end for start, end in taken):
            unit = next(name for name, value in found.groupdict().items() if value)
            numbers.add((unit, _number(found.group(1), found.group(2))))
    for found in _MONEY_FIRST.finditer(text):
        numbers.add(("money", _number(found.group(1), found.group(2))))
    for found in _CLOCK.finditer(text):
        numbers.add(("clock", int(found.group(1))))
    return dates, months, numbers


def states_other_value(message: str, agreement: str) -> bool:
    """Whether the message gives the agreement's date or quantity another value ("3 June" against
    "launch on 15 April", "45 дней" against "14 dni", "7:00-22:00" against "8:00 to 18:00"):
    said about the agreement's topic, that goes back on it even without a word of change. Bare
    numbers (invoice 1021, stage 4, three people) are not compared: on generated project data
    they doubled the messages flagged."""
    return _other_value(_values(message), _values(agreement))


def _other_value(stated: _Values, agreed: _Values) -> bool:
    """``states_other_value`` on the values already read from the message and the agreement."""
    dates, months, numbers = stated
    agreed_dates, agreed_months, agreed_numbers = agreed
    if agreed_months and months:
        if not agreed_months & months:
            return True
        return bool(agreed_dates and dates and not agreed_dates & dates)
    # Quantities of the same unit only: "45 days" against "14 days", "10 lat" against "3 года".
    units = {unit for unit, _ in agreed_numbers} & {unit for unit, _ in numbers}
    return bool(units - {unit for unit, _ in agreed_numbers & numbers})


@dataclass(frozen=True)
class AgreementText:
    id: int
    text: str


@dataclass(frozen=True)
class ReversalMatch:
    agreement_id: int
    score: float


def _in_topic(cue: tuple[set[str], set[str]], agreement: tuple[set[str], set[str]]) -> bool:
    """Whether the words of a change cue are the agreement's own (same stem or concept); both
    given as (stems, concepts)."""
    cue_stems, cue_concepts = cue
    agreed_stems, agreed_concepts = agreement
    if not cue_stems:
        return False
    return cue_stems <= agreed_stems or bool(cue_concepts and cue_concepts <= agreed_concepts)


def _words(text: str) -> tuple[set[str], set[str]]:
    return set(stems(text)), concepts(text)


def reversal_candidates(message: str, agreements: list[AgreementText]) -> list[ReversalMatch]:
    """Accepted agreements the message seems to contradict, best first."""
    message = message or ""
    if (
        not agreements
        or CONFIRMATION_CUES.search(REST_UNCHANGED.sub(" ", message))
        or PROBLEM_CUES.search(message)
        or ASIDE_CUES.search(message)
    ):
        return []
    cues = [_words(m.group()) for m in REVERSAL_CUES.finditer(message)] + [
        _words(m.group()) for m in MOVE_CUES.finditer(message)
    ]
    changes = bool(cues)
    adds = bool(ADDITION_CUES.search(message))
    stated = _values(message)
    if not changes and not adds and not any(stated):
        return []
    cosines = encoder.embed([a.text for a in agreements], "query") @ encoder.embed([message])[0]
    mean, best = float(cosines.mean()), float(cosines.max())
    scored = []
    for agreement, cosine in zip(agreements, cosines, strict=True):
        other_value = _other_value(stated, _values(agreement.text))
        # A change word the agreement itself uses is its topic, not a change: "cancel" in a
        # question about the refund on cancelling, against "refunded if cancelled 24 h before".
        agreed_words = _words(agreement.text)
        changed = any(not _in_topic(cue, agreed_words) for cue in cues)
        if not changed and not other_value and not (adds and RESTRICTIVE.search(agreement.text)):
            continue
        if EVENTS.search(message) and not EVENTS.search(agreement.text):
            continue
        lexical = word_or_concept_share(message, agreement.text)
        standout = float(cosine) - mean
        if lexical >= TOPIC_THRESHOLD or (cosine >= best and standout >= ENCODER_STANDOUT):
            # The shown score: the lexical one, or the encoder's standing on the same 0..1 scale.
            scored.append(
                ReversalMatch(agreement.id, round(max(lexical, min(1.0, 10 * standout)), 4))
            )
    return sorted(scored, key=lambda m: m.score, reverse=True)
