"""Survey e-mails in the contact's language: context, what we ask, the link and its validity."""

from __future__ import annotations

TEXTS = {
    "en": {
        "subject_milestone": "{project}: how did “{what}” go for you?",
        "subject_case": "{project}: was the issue resolved to your satisfaction?",
        "subject_manual": "{project}: a minute for your feedback?",
        "body_milestone": "Hello {name},\n\nContext: the milestone “{what}” of {project} was accepted on {date}.",
        "body_case": "Hello {name},\n\nContext: we have just finished working on the issue you raised about {project}.",
        "body_manual": "Hello {name},\n\nContext: we want to hear how our work on {project} goes for you.",
        "ask": "\n\nWhat we ask: please rate our work from 1 to 5 (quality, communication, timeliness and "
        "price are optional) and, if you like, add a comment. It takes a minute and needs no account:\n{link}\n\n"
        "The link works once, until {expires}. Your answer goes straight to the team and helps us "
        "improve.\n\nThank you,\n{sender}",
    },
    "ru": {
        "subject_milestone": "{project}: как вам этап «{what}»?",
        "subject_case": "{project}: удалось ли решить вопрос так, как вы ожидали?",
        "subject_manual": "{project}: найдётся минута для отзыва?",
        "body_milestone": "Здравствуйте, {name}!\n\nКонтекст: этап «{what}» проекта «{project}» принят {date}.",
        "body_case": "Здравствуйте, {name}!\n\nКонтекст: мы завершили работу над вопросом, который вы подняли по проекту «{project}».",
        "body_manual": "Здравствуйте, {name}!\n\nКонтекст: нам важно знать, как вам наша работа над проектом «{project}».",
        "ask": "\n\nПросьба: оцените, пожалуйста, нашу работу от 1 до 5 (качество, коммуникация, сроки и "
        "цена — по желанию) и, если хотите, оставьте комментарий. Это займёт минуту, регистрация не нужна:\n{link}\n\n"
        "Ссылка действует один раз, до {expires}. Ваш ответ получит команда, он поможет нам стать лучше.\n\n"
        "Спасибо!\n{sender}",
    },
    "pl": {
        "subject_milestone": "{project}: jak oceniają Państwo etap „{what}”?",
        "subject_case": "{project}: czy sprawa została rozwiązana zgodnie z oczekiwaniami?",
        "subject_manual": "{project}: minuta na opinię?",
        "body_milestone": "Dzień dobry, {name},\n\nKontekst: etap „{what}” projektu {project} został odebrany {date}.",
        "body_case": "Dzień dobry, {name},\n\nKontekst: zakończyliśmy pracę nad sprawą zgłoszoną w projekcie {project}.",
        "body_manual": "Dzień dobry, {name},\n\nKontekst: chcemy wiedzieć, jak oceniają Państwo naszą pracę nad projektem {project}.",
        "ask": "\n\nProśba: prosimy ocenić naszą pracę w skali od 1 do 5 (jakość, komunikacja, terminowość i "
        "cena — opcjonalnie) i, jeśli Państwo chcą, dodać komentarz. To zajmie minutę, bez zakładania konta:\n{link}\n\n"
        "Link działa jeden raz, do {expires}. Odpowiedź trafi bezpośrednio do zespołu i pomoże nam się poprawić.\n\n"
        "Dziękujemy,\n{sender}",
    },
}


def lang(language: str | None) -> str:
    return language if language in TEXTS else "en"
