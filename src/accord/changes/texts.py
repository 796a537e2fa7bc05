"""Client-facing texts of change requests and delays, in ru, pl and en (context, problem, ask)."""

from __future__ import annotations

from accord.core import formatting

TEXTS = {
    "en": {
        "delay_subject": "{project}: new date for “{milestone}”",
        "delay": "Hello {name},\n\n"
        "Context: the milestone “{milestone}” of {project} is planned for {planned}.\n\n"
        "The problem, stated openly: on the current pace it will be ready on {forecast}, {days} late. "
        "The reason: {reason}\n\n"
        "Our plan: {plan}\nWhat you can already see: {results}\n\n"
        "What we ask: please confirm the new date {forecast} by {deadline}, or tell us which option you "
        "prefer instead: {options}.\n\nBest regards,\n{sender}",
        "reason_client": "we are waiting for {items} from your side (due {dates}).",
        "reason_work": "{hours} of work remain and our team closes about {pace} a day.",
        "plan": "finish the remaining work by {forecast}, with a progress check-in every week until then",
        "no_results": "we will show an intermediate version at the next meeting",
        "options": "cut scope ({cut}), or {extra}",
        "extra_people": "add {extra} of work per working day to keep {planned}",
        "extra_impossible": "the original date {planned} cannot be kept even with more people",
        "cr_subject": "{project}: change request {reference} for your decision",
        "cr": "Hello {name},\n\n"
        "Context: you asked for “{title}” in the project {project}. {verdict}\n\n"
        "Impact: {hours} of work, {cost}; schedule: {shifts}.{risks}\n\n"
        "What we ask: please approve or reject the change with one click here: {link}\n"
        "(the link works once, until {expires}).\n\nBest regards,\n{sender}",
        "no_shift": "no milestone moves",
        "feedback_subject": "{project}: your feedback on {what}",
        "feedback": "Hello {name},\n\nContext: on {date} we showed you {what} of {project}.\n\n"
        "We want to be sure it goes in the direction you expect before we build further.\n\n"
        "What we ask: could you tell us by {deadline} what works for you and what should change?{survey}\n\n"
        "Thank you,\n{sender}",
    },
    "ru": {
        "delay_subject": "{project}: новый срок этапа «{milestone}»",
        "delay": "Здравствуйте, {name}!\n\n"
        "Контекст: этап «{milestone}» проекта «{project}» запланирован на {planned}.\n\n"
        "Проблема, честно: при текущем темпе он будет готов {forecast}, опоздание: {days}. "
        "Причина: {reason}\n\n"
        "Наш план: {plan}\nЧто уже можно посмотреть: {results}\n\n"
        "Просьба: подтвердите, пожалуйста, новый срок {forecast} до {deadline} или выберите другой "
        "вариант: {options}.\n\nС уважением,\n{sender}",
        "reason_client": "мы ждём с вашей стороны: {items} (срок: {dates}).",
        "reason_work": "осталось работы: {hours}, команда закрывает около {pace} в день.",
        "plan": "завершить оставшиеся работы к {forecast}, с еженедельной встречей по прогрессу до этой даты",
        "no_results": "промежуточную версию покажем на ближайшей встрече",
        "options": "сократить объём ({cut}) или {extra}",
        "extra_people": "подключить людей: плюс {extra} работы в рабочий день, чтобы сохранить срок {planned}",
        "extra_impossible": "прежний срок {planned} не удержать даже с дополнительными людьми",
        "cr_subject": "{project}: запрос на изменение {reference} — нужно ваше решение",
        "cr": "Здравствуйте, {name}!\n\n"
        "Контекст: вы попросили «{title}» в проекте «{project}». {verdict}\n\n"
        "Влияние: {hours} работы, {cost}; сроки: {shifts}.{risks}\n\n"
        "Просьба: одобрите или отклоните изменение по ссылке: {link}\n"
        "(ссылка действует один раз, до {expires}).\n\nС уважением,\n{sender}",
        "no_shift": "сроки этапов не меняются",
        "feedback_subject": "{project}: ваш отзыв о «{what}»",
        "feedback": "Здравствуйте, {name}!\n\nКонтекст: {date} мы показали вам «{what}» по проекту «{project}».\n\n"
        "Хотим убедиться, что движемся в нужном вам направлении, прежде чем продолжать.\n\n"
        "Просьба: напишите, пожалуйста, до {deadline}, что вас устраивает и что нужно изменить.{survey}\n\n"
        "Спасибо,\n{sender}",
    },
    "pl": {
        "delay_subject": "{project}: nowy termin etapu „{milestone}”",
        "delay": "Dzień dobry, {name},\n\n"
        "Kontekst: etap „{milestone}” projektu {project} jest zaplanowany na {planned}.\n\n"
        "Problem, otwarcie: przy obecnym tempie będzie gotowy {forecast}, opóźnienie: {days}. "
        "Przyczyna: {reason}\n\n"
        "Nasz plan: {plan}\nCo już można zobaczyć: {results}\n\n"
        "Prośba: prosimy o potwierdzenie nowego terminu {forecast} do {deadline} albo wybór innej opcji: "
        "{options}.\n\nZ poważaniem,\n{sender}",
        "reason_client": "czekamy z Państwa strony na: {items} (termin: {dates}).",
        "reason_work": "pozostała praca: {hours}, a zespół zamyka około {pace} dziennie.",
        "plan": "dokończyć pozostałe prace do {forecast}, z cotygodniowym spotkaniem o postępach",
        "no_results": "wersję pośrednią pokażemy na najbliższym spotkaniu",
        "options": "zmniejszenie zakresu ({cut}) albo {extra}",
        "extra_people": "dodatkowe osoby: {extra} pracy więcej na dzień roboczy, aby utrzymać termin {planned}",
        "extra_impossible": "pierwotnego terminu {planned} nie da się utrzymać nawet z dodatkowymi osobami",
        "cr_subject": "{project}: wniosek o zmianę {reference} do decyzji",
        "cr": "Dzień dobry, {name},\n\n"
        "Kontekst: poprosili Państwo o „{title}” w projekcie {project}. {verdict}\n\n"
        "Wpływ: {hours} pracy, {cost}; harmonogram: {shifts}.{risks}\n\n"
        "Prośba: prosimy o akceptację lub odrzucenie zmiany jednym kliknięciem: {link}\n"
        "(link działa jeden raz, do {expires}).\n\nZ poważaniem,\n{sender}",
        "no_shift": "żaden etap się nie przesuwa",
        "feedback_subject": "{project}: Państwa opinia o „{what}”",
        "feedback": "Dzień dobry, {name},\n\nKontekst: {date} pokazaliśmy „{what}” w projekcie {project}.\n\n"
        "Chcemy mieć pewność, że idziemy w oczekiwanym kierunku, zanim zbudujemy więcej.\n\n"
        "Prośba: prosimy o informację do {deadline}, co się sprawdza, a co trzeba zmienić.{survey}\n\n"
        "Dziękujemy,\n{sender}",
    },
}


VERDICTS = {
    "en": {
        "covered": "The contract covers this kind of work, but it changes the agreed plan, so we "
        "ask for your decision.",
        "not_covered": "The contract does not cover it, so it is a change to the agreed scope.",
        "unclear": "The contract does not say clearly whether it covers this, so we propose to "
        "agree it as a change.",
    },
    "ru": {
        "covered": "Такие работы предусмотрены договором, но они меняют согласованный план, "
        "поэтому нужно ваше решение.",
        "not_covered": "Договор это не покрывает, поэтому это изменение согласованного объёма.",
        "unclear": "Из договора неясно, покрывает ли он эту работу, поэтому предлагаем "
        "согласовать её как изменение.",
    },
    "pl": {
        "covered": "Umowa obejmuje tego rodzaju prace, ale zmieniają one uzgodniony plan, dlatego "
        "prosimy o decyzję.",
        "not_covered": "Umowa tego nie obejmuje, więc jest to zmiana uzgodnionego zakresu.",
        "unclear": "Z umowy nie wynika jasno, czy obejmuje tę pracę, dlatego proponujemy "
        "uzgodnić ją jako zmianę.",
    },
}
RISKS = {"en": " Risks: {risks}", "ru": " Риски: {risks}", "pl": " Ryzyka: {risks}"}
SHIFT = {
    "en": "{milestone} moves to {date} ({days} later)",
    "ru": "этап «{milestone}» переносится на {date} (на {days} позже)",
    "pl": "etap „{milestone}” przesuwa się na {date} (o {days} później)",
}


def lang(language: str | None) -> str:
    return language if language in TEXTS else "en"


def date_text(value, language: str) -> str:
    """A date as the recipient's locale writes it ("3 grudnia 2026"), never with a suffix
    that doubles the sentence's full stop."""
    return formatting.format_date(value, language)


def verdict_sentence(verdict: str, language: str) -> str:
    """The one scope verdict of a change request, as a sentence for the client; the e-mail and
    the decision page both use it."""
    table = VERDICTS[lang(language)]
    return table.get(verdict or "unclear", table["unclear"])
