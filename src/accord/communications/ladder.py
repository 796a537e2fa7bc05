"""The silence ladder: each step changes the channel instead of repeating the same e-mail."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from accord.core import formatting
from accord.core.client_words import language_of, one_line, subject_without_prefixes

TEXTS = {
    "en": {
        1: (
            "E-mail one concrete question",
            "Subject: {project}: one question to move on\n\nHello {name},\n\n"
            "On {date} we sent you “{what}”. We have not heard back yet, and the next step depends on it.\n"
            "To keep the plan, we need one answer from you: {question}\n"
            "Could you reply by {deadline}? A one-line answer is enough.\n\nThank you,\n{sender}",
        ),
        2: (
            "Propose a short call",
            "Subject: {project}: a 15-minute call?\n\nHello {name},\n\n"
            "Since {date} we have been waiting for your feedback on “{what}”, and e-mail seems not to be the "
            "easiest way right now.\nThe open point: {question}\n"
            "Shall we settle it in a 15-minute call? Could you propose a time before {deadline}?\n\nBest regards,\n{sender}",
        ),
        3: (
            "Write to the decision-maker",
            "Subject: {project}: a decision is needed to keep the schedule\n\nHello {name},\n\n"
            "Since {date} the project {project} has been waiting for the client's answer on “{what}”.\n"
            "Without it the next milestone is at risk; the open point is: {question}\n"
            "Could you help us get a decision by {deadline}, or name the person who can give it?\n\nBest regards,\n{sender}",
        ),
    },
    "ru": {
        1: (
            "Письмо с одним конкретным вопросом",
            "Тема: {project}: один вопрос, чтобы двигаться дальше\n\nЗдравствуйте, {name}!\n\n"
            "{date} мы отправили вам письмо «{what}». Ответа пока нет, а от него зависит следующий шаг.\n"
            "Чтобы сохранить план, нам нужен один ответ: {question}\n"
            "Сможете ответить до {deadline}? Достаточно одной строки.\n\nСпасибо,\n{sender}",
        ),
        2: (
            "Предложить короткий звонок",
            "Тема: {project}: созвонимся на 15 минут?\n\nЗдравствуйте, {name}!\n\n"
            "С {date} мы ждём вашу обратную связь по теме «{what}», и переписка, похоже, сейчас не самый удобный путь.\n"
            "Открытый вопрос: {question}\n"
            "Давайте решим его за 15 минут по телефону. Предложите, пожалуйста, время до {deadline}.\n\nС уважением,\n{sender}",
        ),
        3: (
            "Написать лицу, принимающему решения",
            "Тема: {project}: нужно решение, чтобы сохранить сроки\n\nЗдравствуйте, {name}!\n\n"
            "С {date} проект «{project}» ждёт ответа со стороны клиента по теме «{what}».\n"
            "Без него под угрозой следующий этап; открытый вопрос: {question}\n"
            "Поможете получить решение до {deadline} или подскажете, кто может его дать?\n\nС уважением,\n{sender}",
        ),
    },
    "pl": {
        1: (
            "E-mail z jednym konkretnym pytaniem",
            "Temat: {project}: jedno pytanie, żeby ruszyć dalej\n\nDzień dobry, {name},\n\n"
            "{date} wysłaliśmy wiadomość „{what}”. Nie mamy jeszcze odpowiedzi, a od niej zależy kolejny krok.\n"
            "Aby utrzymać plan, potrzebujemy jednej odpowiedzi: {question}\n"
            "Czy może Pan/Pani odpowiedzieć do {deadline}? Wystarczy jedno zdanie.\n\nDziękuję,\n{sender}",
        ),
        2: (
            "Zaproponować krótką rozmowę",
            "Temat: {project}: 15 minut rozmowy?\n\nDzień dobry, {name},\n\n"
            "Od {date} czekamy na opinię w sprawie „{what}”, a e-mail chyba nie jest teraz najwygodniejszy.\n"
            "Otwarta kwestia: {question}\n"
            "Czy możemy ustalić to w 15-minutowej rozmowie? Proszę zaproponować termin przed {deadline}.\n\nPozdrawiam,\n{sender}",
        ),
        3: (
            "Napisać do osoby decyzyjnej",
            "Temat: {project}: potrzebna decyzja, aby utrzymać harmonogram\n\nDzień dobry, {name},\n\n"
            "Od {date} projekt „{project}” czeka na odpowiedź klienta w sprawie „{what}”.\n"
            "Bez niej zagrożony jest kolejny etap; otwarta kwestia: {question}\n"
            "Czy pomoże nam Pan/Pani uzyskać decyzję do {deadline} lub wskaże osobę, która może ją podjąć?\n\nPozdrawiam,\n{sender}",
        ),
    },
}
DEFAULT_QUESTION = {
    "en": "do you accept it as it is, or what exactly should change?",
    "ru": "вы принимаете результат как есть или что именно нужно изменить?",
    "pl": "czy akceptują Państwo wynik, czy co dokładnie trzeba zmienić?",
}


@dataclass
class LadderStep:
    step: int
    title: str
    channel: str
    contact: object
    draft: str
    subject: str = ""


_SUBJECT_LINE = ("Subject: ", "Тема: ", "Temat: ")


def _split_subject(text: str) -> tuple[str, str]:
    first, _sep, rest = text.partition("\n\n")
    for prefix in _SUBJECT_LINE:
        if first.startswith(prefix):
            return first[len(prefix) :], rest
    return "", text


def first_recipient() -> Subquery:
    """The first person a message was addressed to (in the order of ``recipient_contacts``), as
    an annotation of the message: the ladder then finds them among the client's loaded people."""
    from accord.clients.models import Contact

    return Subquery(
        Contact.objects.filter(received_interactions=OuterRef("pk"))
        .order_by(*Contact._meta.ordering)
        .values("pk")[:1]
    )


def _addressed(last, client_contacts) -> list:
    """The people the last message was addressed to, or the first of them when the message
    came with ``first_recipient_id`` annotated and they are one of the client's people."""
    if hasattr(last, "first_recipient_id"):
        if last.first_recipient_id is None:
            return []
        found = [contact for contact in client_contacts if contact.pk == last.first_recipient_id]
        if found:
            return found
    return list(last.recipient_contacts.all())


def silence_ladder_step(
    *, project, silence, sender_name: str, deadline, question: str = ""
) -> LadderStep:
    """The suggested next action for a silent client, with a draft in the contact's language."""
    # All the client's people, filtered here: the project page has them loaded already.
    contacts = [contact for contact in project.client.contacts.all() if contact.is_active]
    decision_makers = [contact for contact in contacts if contact.role == "decision_maker"]
    last = silence.last_message
    addressed = _addressed(last, project.client.contacts.all()) if last.pk else []
    if silence.step >= 3 and decision_makers:
        contact = decision_makers[0]
    else:
        contact = (addressed or [c for c in contacts if c.role == "manager"] or contacts or [None])[
            0
        ]
    language = language_of(formatting.recipient_locale(contact, client=project.client))
    title, template = TEXTS[language][silence.step]
    zone = formatting.workspace_zone(project.workspace)
    what = subject_without_prefixes(one_line(last.subject)) or one_line(project.name)
    filled = template.format(
        project=one_line(project.name),
        name=getattr(contact, "name", ""),
        date=formatting.format_date(silence.since.astimezone(zone).date(), language),
        what=what,
        question=(question or DEFAULT_QUESTION[language]).strip(),
        deadline=formatting.format_date(deadline, language),
        sender=sender_name,
    )
    subject, body = _split_subject(filled)
    channel = {1: "email", 2: "call", 3: "email"}[silence.step]
    return LadderStep(
        silence.step, title, channel, contact, formatting.tidy_text(body), one_line(subject)
    )
