"""One project per language with everything a client text can draw on, and every generated
text of that project rendered as the client would receive it.

The clock is fixed (Tuesday 20 October 2026, 10:00 in Warsaw) so the texts are stable enough
for golden files; the meeting falls on Monday 26 October, the day after Europe/Warsaw leaves
summer time.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

from django.test import Client as HttpClient
from django.urls import reverse

from accord.agreements.models import Agreement
from accord.agreements.services import agreement_record, commitment_create
from accord.changes import services as changes
from accord.changes.forecasts import milestone_forecast
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.ladder import silence_ladder_step
from accord.communications.models import Interaction
from accord.communications.selectors import Silence
from accord.meetings import services as meetings
from accord.meetings.minutes import client_agenda_text, invite_email, minutes_email
from accord.meetings.models import Meeting
from accord.projects.models import ScopeItem
from accord.projects.tests.factories import (
    ContractFactory,
    MilestoneFactory,
    ProjectFactory,
    ScopeItemFactory,
)
from accord.situations import services as situations
from accord.situations.drafting import case_draft_render
from accord.workspaces.tests.factories import MemberFactory, UserFactory, WorkspaceFactory

NOW = datetime.datetime(2026, 10, 20, 8, 0, tzinfo=datetime.UTC)
TEAM_NOTE = {
    "ru": "Внутреннее: клиент грозит уйти, не обещать скидку",
    "pl": "Wewnętrzne: klient grozi odejściem, nie obiecywać rabatu",
    "en": "Internal: the client threatens to leave, promise no discount",
}

DATA = {
    "ru": {
        "client": "ООО Северный ветер",
        "project": "Портал поставщиков",
        "currency": "RUB",
        "rate": Decimal("3500"),
        "boss": "Игорь Васильевич Морозов",
        "manager": "Ольга Петрова",
        "sender": ("Анна", "Соколова"),
        "scope": ["Каталог товаров", "Личный кабинет поставщика"],
        "excluded": "Мобильное приложение",
        "milestone": "Каталог",
        "agreement": "Оплата только банковским переводом на старте",
        "ours": "Настроить импорт прайс-листов",
        "theirs": "Передать фотографии товаров",
        "meeting": "Еженедельный созвон",
        "topic": "Обсудить структуру каталога",
        "discussed": "Структура каталога",
        "decision": "Каталог делим на три уровня",
        "action": "Прислать список категорий",
        "change_title": "Выгрузка заказов в таблицу",
        "change_text": "Добавьте, пожалуйста, выгрузку заказов в таблицу для бухгалтерии.",
        "risks": "Нагрузка на сервер при больших выгрузках",
        "complaint": "Добрый день!\n\nМы очень недовольны: каталог до сих пор не работает, "
        "и руководство требует объяснений. Если так пойдёт дальше, мы расторгнем договор.\n\n"
        "Ольга",
        "extra_request": "Здравствуйте!\n\nДобавьте, пожалуйста, выгрузку заказов в таблицу "
        "для бухгалтерии, это ведь мелочь.\n\nОльга",
        "sent_subject": "Re: Re: Макет главной страницы",
        "result": "Прототип каталога",
    },
    "pl": {
        "client": "Wiatr Północny sp. z o.o.",
        "project": "Portal dostawców",
        "currency": "PLN",
        "rate": Decimal("350"),
        "boss": "Jan Kowalski",
        "manager": "Ewa Nowak",
        "sender": ("Anna", "Sokołowska"),
        "scope": ["Katalog produktów", "Panel dostawcy"],
        "excluded": "Aplikacja mobilna",
        "milestone": "Katalog",
        "agreement": "Płatności tylko przelewem na start",
        "ours": "Skonfigurować import cenników",
        "theirs": "Przekazać zdjęcia produktów",
        "meeting": "Cotygodniowa rozmowa",
        "topic": "Omówić strukturę katalogu",
        "discussed": "Struktura katalogu",
        "decision": "Katalog dzielimy na trzy poziomy",
        "action": "Przesłać listę kategorii",
        "change_title": "Eksport zamówień do arkusza",
        "change_text": "Prosimy dodać eksport zamówień do arkusza dla księgowości.",
        "risks": "Obciążenie serwera przy dużych eksportach",
        "complaint": "Dzień dobry,\n\njesteśmy bardzo niezadowoleni: katalog wciąż nie działa, "
        "a zarząd żąda wyjaśnień. Jeśli tak dalej pójdzie, wypowiemy umowę.\n\nEwa",
        "extra_request": "Dzień dobry,\n\nprosimy dodać eksport zamówień do arkusza dla "
        "księgowości, to przecież drobiazg.\n\nEwa",
        "sent_subject": "Odp: Re: Makieta strony głównej",
        "result": "Prototyp katalogu",
    },
    "en": {
        "client": "North Wind Ltd",
        "project": "Supplier portal",
        "currency": "USD",
        "rate": Decimal("95"),
        "boss": "John Morrison",
        "manager": "Olivia Parker",
        "sender": ("Anna", "Sokol"),
        "scope": ["Product catalogue", "Supplier account"],
        "excluded": "Mobile app",
        "milestone": "Catalogue",
        "agreement": "Payments by bank transfer only at the start",
        "ours": "Set up the price list import",
        "theirs": "Send the product photos",
        "meeting": "Weekly call",
        "topic": "Discuss the catalogue structure",
        "discussed": "Catalogue structure",
        "decision": "The catalogue has three levels",
        "action": "Send the list of categories",
        "change_title": "Order export to a spreadsheet",
        "change_text": "Please add an export of orders to a spreadsheet for accounting.",
        "risks": "Server load on large exports",
        "complaint": "Hello,\n\nwe are very unhappy: the catalogue still does not work, and our "
        "board wants an explanation. If this goes on, we will terminate the contract.\n\nOlivia",
        "extra_request": "Hello,\n\nplease add an export of orders to a spreadsheet for "
        "accounting, it is only a small thing.\n\nOlivia",
        "sent_subject": "Re: RE: Home page mock-up",
        "result": "Catalogue prototype",
    },
}


@dataclass
class World:
    language: str
    data: dict
    project: object
    boss: object
    manager: object
    member: object
    meeting: object
    change: object
    milestone: object
    agreement: object
    cases: dict = field(default_factory=dict)
    internal: list[str] = field(default_factory=list)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    import zoneinfo

    return datetime.datetime.combine(
        day, datetime.time(hour, minute), zoneinfo.ZoneInfo("Europe/Warsaw")
    )


def build_world(language: str) -> World:
    data = DATA[language]
    today = NOW.date()
    workspace = WorkspaceFactory(time_zone="Europe/Warsaw", default_language=language)
    first, last = data["sender"]
    user = UserFactory(username=f"anna-{language}", first_name=first, last_name=last)
    member = MemberFactory(workspace=workspace, user=user, language=language)
    client = ClientFactory(
        workspace=workspace,
        name=data["client"],
        language=language,
        email_domains=[f"client-{language}.example"],
    )
    boss = ContactFactory(client=client, name=data["boss"], role="decision_maker")
    manager = ContactFactory(client=client, name=data["manager"], role="manager")
    project = ProjectFactory(
        client=client,
        name=data["project"],
        currency=data["currency"],
        start_date=datetime.date(2026, 9, 1),
        silence_threshold_days=2,
    )
    contract = ContractFactory(
        project=project, hourly_rate=data["rate"], escalation_path=data["boss"]
    )
    for title in data["scope"]:
        ScopeItemFactory(contract=contract, title=title, kind=ScopeItem.Kind.INCLUDED)
    ScopeItemFactory(contract=contract, title=data["excluded"], kind=ScopeItem.Kind.EXCLUDED)
    milestone = MilestoneFactory(
        project=project, name=data["milestone"], planned_date=datetime.date(2026, 10, 30)
    )
    agreement = agreement_record(
        project=project,
        actor=user,
        title=data["agreement"],
        source=Agreement.Source.MEETING,
        decided_on=datetime.date(2026, 10, 13),
        accepted_by=boss,
    )
    commitment_create(
        project=project,
        actor=user,
        title=data["ours"],
        side="ours",
        due_date=datetime.date(2026, 10, 28),
        owner_member=member,
        milestone=milestone,
        estimate_hours=Decimal("60"),
    )
    commitment_create(
        project=project,
        actor=user,
        title=data["theirs"],
        side="client",
        due_date=datetime.date(2026, 10, 16),
        owner_contact=manager,
        milestone=milestone,
    )
    # An upset message that triage read: the case, its severity and label are internal.
    complaint = Interaction.objects.create(
        workspace=workspace,
        project=project,
        client=client,
        channel="email",
        direction="in",
        occurred_at=NOW - datetime.timedelta(days=1),
        subject=data["sent_subject"],
        body_text=data["complaint"],
        sender_contact=manager,
        message_id=f"<complaint-{language}@client.example>",
    )
    upset, _created = situations.case_open(
        project=project,
        situation="escalation_threat",
        actor=user,
        interaction=complaint,
        severity="critical",
    )
    extra = Interaction.objects.create(
        workspace=workspace,
        project=project,
        client=client,
        channel="email",
        direction="in",
        occurred_at=NOW - datetime.timedelta(hours=20),
        subject=data["sent_subject"],
        body_text=data["extra_request"],
        sender_contact=manager,
        message_id=f"<extra-{language}@client.example>",
    )
    out_of_scope, _created = situations.case_open(
        project=project, situation="out_of_scope_request", actor=user, interaction=extra
    )
    meeting = meetings.meeting_create(
        project=project,
        actor=user,
        title=data["meeting"],
        starts_at=_at(datetime.date(2026, 10, 26), 10),
        duration_minutes=90,
        contacts=[boss, manager],
        members=[member],
        topics=[data["topic"]],
    )
    meetings.agenda_item_add(meeting=meeting, text=TEAM_NOTE[language], audience="team")
    change = changes.change_request_create(
        project=project,
        actor=user,
        title=data["change_title"],
        description=data["change_text"],
        requested_by=manager,
    )
    changes.change_request_assess(
        change=change,
        actor=user,
        effort_hours=Decimal("40"),
        risks=data["risks"],
        shifts={milestone.pk: 7},
    )
    change.refresh_from_db()
    world = World(
        language=language,
        data=data,
        project=project,
        boss=boss,
        manager=manager,
        member=member,
        meeting=meeting,
        change=change,
        milestone=milestone,
        agreement=agreement,
        cases={"upset": upset, "out_of_scope": out_of_scope},
    )
    world.internal = internal_words(world)
    assert today == datetime.date(2026, 10, 20)
    return world


def internal_words(world: World) -> list[str]:
    """What must never reach a client: cases, severities, labels, scores, team notes."""
    from accord.situations.catalogue import Situation
    from accord.situations.models import Case
    from accord.situations.playbooks import playbook_for

    words = [TEAM_NOTE[world.language], "escalation_threat", "out_of_scope_request"]
    for situation in Situation.values:
        words.append(situation)
        playbook = playbook_for(situation=situation, workspace=world.project.workspace)
        for language in ("en", "ru", "pl"):
            words.append(playbook.text(language).title)
    from django.utils import translation

    for language in ("en", "ru", "pl"):
        with translation.override(language):
            words += [str(label) for label in Case.Severity.labels]
            words += [str(Situation(value).label) for value in Situation.values]
    return sorted({word for word in words if word})


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title", "head"):
            self._skip += 1
        if tag == "input":
            values = dict(attrs)
            if values.get("type") not in ("hidden", "checkbox", "radio"):
                self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title", "head"):
            self._skip -= 1
        if tag in ("p", "li", "h1", "h2", "label", "pre", "ul", "form", "div"):
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    # Collapse ordinary white space only: a no-break space inside "3 500,00 ₽" is kept.
    lines = [
        " ".join(part for part in re.split(r"[ \t\r\f\v]+", line) if part)
        for line in "".join(parser.parts).split("\n")
    ]
    return "\n".join(line for line in lines if line)


def ics_text(payload: bytes) -> str:
    """The parts of the .ics a person reads: title, start, end, description, location."""
    from icalendar import Calendar

    event = next(iter(Calendar.from_ical(payload).walk("VEVENT")))
    return "\n".join(
        [
            f"SUMMARY: {event['summary']}",
            f"DTSTART: {event.decoded('dtstart').isoformat()} ({event['dtstart'].params.get('TZID')})",
            f"DTEND: {event.decoded('dtend').isoformat()}",
            f"DESCRIPTION:\n{event['description']}",
        ]
    )


def render_all(world: World) -> dict[str, str]:
    """Every generated text type, as the client reads it: {type: text}."""
    language = world.language
    sender = world.member.display_name
    texts: dict[str, str] = {}
    meeting = world.meeting
    agenda = client_agenda_text(meeting=meeting, language=language)
    subject, body = invite_email(
        meeting=meeting, language=language, agenda_text=agenda, sender=sender
    )
    texts["agenda_email"] = f"{subject}\n\n{body}"
    from accord.meetings.ics import invite_ics

    texts["ics"] = ics_text(
        invite_ics(
            meeting=meeting,
            organizer_email="team@accord.example",
            attendee_emails=["boss@client.example"],
            agenda_text=agenda,
            language=language,
        )
    )
    # The meeting is held and its minutes recorded the same afternoon.
    from unittest import mock

    held = mock.patch(
        "django.utils.timezone.now",
        return_value=datetime.datetime(2026, 10, 26, 12, 0, tzinfo=datetime.UTC),
    )
    held.start()
    meetings.minutes_record(
        meeting=meeting,
        actor=world.member.user,
        discussed=world.data["discussed"],
        decisions=[meetings.DecisionInput(world.data["decision"], world.boss)],
        actions=[
            meetings.ActionInput(
                world.data["action"],
                "client",
                datetime.date(2026, 10, 29),
                owner_contact=world.manager,
            )
        ],
    )
    meeting.refresh_from_db()
    subject, body = minutes_email(
        meeting=meeting,
        language=language,
        decisions=list(meetings.meeting_decisions(meeting)),
        actions=list(meetings.meeting_actions(meeting)),
        next_meeting=None,
        deadline=datetime.date(2026, 10, 28),
        sender=sender,
    )
    held.stop()
    texts["minutes"] = f"{subject}\n\n{body}"
    # Delay notice: the computed forecast proposes, a person accepts, the notice promises it.
    forecast = milestone_forecast(milestone=world.milestone, pace=4)
    changes.milestone_promise_accept(
        milestone=world.milestone, actor=world.member.user, date=forecast.forecast
    )
    world.milestone.refresh_from_db()
    forecast = milestone_forecast(milestone=world.milestone, pace=4)
    subject, body = changes.delay_notice(forecast=forecast, contact=world.boss, sender=sender)
    texts["delay_notice"] = f"{subject}\n\n{body}"
    link, token = changes.decision_link_create(change=world.change)
    subject, body = changes.change_request_email(
        change=world.change,
        url=f"https://accord.example/changes/decide/{token}/",
        expires=link.expires_at,
        sender=sender,
    )
    texts["change_request_email"] = f"{subject}\n\n{body}".replace(token, "TOKEN")
    world.change.status = "sent"
    world.change.save(update_fields=["status"])
    page = HttpClient().get(reverse("changes:decide", args=[token]))
    assert page.status_code == 200, page.content[:500]
    texts["change_request_page"] = html_text(page.content.decode())
    upset = case_draft_render(case=world.cases["upset"], sender_name=sender)
    texts["five_step_draft"] = f"{upset.subject}\n\n{upset.body}"
    polite_no = case_draft_render(case=world.cases["out_of_scope"], sender_name=sender)
    texts["polite_no_draft"] = f"{polite_no.subject}\n\n{polite_no.body}"
    sent = Interaction.objects.create(
        workspace=world.project.workspace,
        project=world.project,
        client=world.project.client,
        channel="email",
        direction="out",
        occurred_at=datetime.datetime(2026, 10, 12, 9, 30, tzinfo=datetime.UTC),
        subject=world.data["sent_subject"],
        body_text="…",
    )
    sent.recipient_contacts.add(world.manager)
    for step in (1, 2, 3):
        ladder = silence_ladder_step(
            project=world.project,
            silence=Silence(
                since=sent.occurred_at, working_days=2 * step, step=step, last_message=sent
            ),
            sender_name=sender,
            deadline=datetime.date(2026, 10, 22),
        )
        texts[f"silence_step_{step}"] = f"{ladder.subject}\n\n{ladder.draft}"
    texts.update(render_feedback_reports_and_dunning(world))
    return texts


AMOUNTS = {"ru": Decimal("120000"), "pl": Decimal("12000"), "en": Decimal("3000")}


def render_feedback_reports_and_dunning(world: World) -> dict[str, str]:
    """Survey e-mails and page, the status report (HTML, PDF, e-mail) and the dunning letters."""
    import io

    from pypdf import PdfReader

    from accord.billing.models import DunningStep
    from accord.billing.steps import EMAIL_ACTIONS
    from accord.billing.tests.factories import InvoiceFactory
    from accord.billing.texts import step_text
    from accord.feedback import services as feedback
    from accord.feedback.models import Survey
    from accord.reports import services as reports

    texts: dict[str, str] = {}
    language = world.language
    sender = world.member.display_name
    # A milestone the client accepted yesterday, so there is something to ask about.
    done = MilestoneFactory(
        project=world.project,
        name=world.data["result"],
        planned_date=datetime.date(2026, 10, 16),
        done_date=datetime.date(2026, 10, 19),
    )
    for trigger, extra in (
        ("milestone", {"milestone": done}),
        ("case", {"case": world.cases["upset"]}),
    ):
        survey = feedback.survey_send(
            project=world.project,
            trigger=trigger,
            actor=world.member.user,
            contact=world.boss,
            **extra,
        )
        assert survey is not None and survey.language == language
        subject, body = feedback.survey_email(
            survey=survey, url="https://accord.example/feedback/answer/TOKEN/", sender=sender
        )
        texts[f"survey_{trigger}_email"] = f"{subject}\n\n{body}"
        if trigger == "milestone":
            page = HttpClient().get(reverse("feedback:answer", args=[survey.token]))
            assert page.status_code == 200, page.content[:500]
            texts["survey_page"] = html_text(page.content.decode())
    assert Survey.objects.filter(project=world.project).count() == 2

    start, end = datetime.date(2026, 10, 14), datetime.date(2026, 10, 20)
    report_language, subject, html = reports.status_report_render(
        project=world.project,
        period_start=start,
        period_end=end,
        contact=world.boss,
        actor=world.member.user,
    )
    assert report_language == language
    texts["status_report_html"] = html_text(html)
    reader = PdfReader(io.BytesIO(reports.status_report_pdf(html)))
    pdf_text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # Lines as the PDF wraps them; the chart's markers (bullets) are drawn, not text.
    texts["status_report_pdf"] = "\n".join(
        " ".join(line.split(" ")).strip()
        for line in pdf_text.splitlines()
        if line.strip().strip("•").strip()
    )
    assert world.data["milestone"] in texts["status_report_pdf"], pdf_text
    texts["status_report_email"] = f"{subject}\n\n" + reports._email_text(
        language=language,
        contact=world.boss,
        project=world.project,
        period=subject.split(", ", 1)[-1],
        sender=sender,
    )

    # A contract number as clients write them (the factory's "C-…" is Latin in a Russian text).
    contract = world.project.contract
    contract.number = "17/2026"
    contract.save(update_fields=["number"])
    invoice = InvoiceFactory(
        project=world.project,
        number="2026/118",
        amount=AMOUNTS[language],
        currency=world.data["currency"],
        issue_date=datetime.date(2026, 9, 15),
        due_date=datetime.date(2026, 9, 29),
        billing_contact=world.boss,
    )
    for action in DunningStep.Action.values:
        if action not in EMAIL_ACTIONS:
            continue  # a call is a task for the team, not a text for the client
        letter = step_text(
            action=action,
            invoice=invoice,
            contact=world.boss,
            sender=sender,
            today=NOW.date(),
            deadline=datetime.date(2026, 10, 27),
        )
        assert letter.language == language
        texts[f"dunning_{action}"] = f"{letter.subject}\n\n{letter.body}"
    return texts


def strip_links(text: str) -> str:
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r"\S+@\S+", " ", text)


def meeting_of(world: World) -> Meeting:
    return world.meeting
