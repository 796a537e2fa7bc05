"""Demo messages: e-mails in ru, pl and en imported through the real importer, and a call note."""

from __future__ import annotations

import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

from accord.clients.models import Contact
from accord.projects.models import Project

from .ingestion.importer import mail_import_many
from .models import Interaction
from .services import interaction_log

TEAM = "Anna Sokolova <anna@demo-studio.example>"

# (days ago, hours ago, project name, from, to, subject, body, message-id, in-reply-to)
MESSAGES = [
    (
        12,
        0,
        "Внедрение 1С:ERP",
        TEAM,
        "kravets@sevlog.ru",
        "Выгрузка остатков",
        "Елена, добрый день!\n\nДля этапа 2 нам нужна выгрузка остатков из 1С:УТ по трём складам.\n"
        "Просим прислать её до пятницы, иначе демонстрация сдвинется.\n\nАнна",
        "<demo-ru-1@demo-studio.example>",
        "",
    ),
    (
        9,
        0,
        "Внедрение 1С:ERP",
        "Елена Кравец <kravets@sevlog.ru>",
        "anna@demo-studio.example",
        "Re: Выгрузка остатков",
        "Анна, выгрузку пришлём на следующей неделе, сейчас не до этого.\nИ ещё: нам срочно нужна интеграция с Ozon, "
        "без неё система нам не нужна. Сделайте в рамках текущего бюджета.\n\nС уважением,\nЕлена Кравец\n\n"
        "> Для этапа 2 нам нужна выгрузка остатков",
        "<demo-ru-2@sevlog.ru>",
        "<demo-ru-1@demo-studio.example>",
    ),
    (
        2,
        3,
        "Внедрение 1С:ERP",
        "Игорь Морозов <morozov@sevlog.ru>",
        "anna@demo-studio.example",
        "Сроки этапа 2",
        "Анна, этап 2 должен был закончиться две недели назад. Когда вы наконец покажете результат?\n"
        "Если до конца месяца не будет рабочей базы, будем искать другого подрядчика.\n\n--\nИ. В. Морозов\n"
        "Генеральный директор",
        "<demo-ru-3@sevlog.ru>",
        "",
    ),
    (
        6,
        0,
        "Nowy sklep internetowy",
        "Katarzyna Wiśniewska <k.wisniewska@meblekowalski.pl>",
        "piotr@demo-studio.example",
        "Makiety",
        "Dzień dobry,\n\nmakiety wyglądają świetnie, akceptujemy z jedną poprawką: przyciski w kolorze "
        "firmowym.\n\nPozdrawiam\nKatarzyna",
        "<demo-pl-1@meblekowalski.pl>",
        "",
    ),
    (
        5,
        0,
        "Nowy sklep internetowy",
        "Piotr Zieliński <piotr@demo-studio.example>",
        "k.wisniewska@meblekowalski.pl",
        "Re: Makiety",
        "Dziękujemy, poprawka naniesiona. Zaczynamy katalog.\n\nPiotr",
        "<demo-pl-2@demo-studio.example>",
        "<demo-pl-1@meblekowalski.pl>",
    ),
    (
        1,
        2,
        "Nowy sklep internetowy",
        "Tomasz Kowalski <tomasz@meblekowalski.pl>",
        "piotr@demo-studio.example",
        "Faktura 3/2026",
        "Faktura 3/2026 została opłacona, dziękujemy.\n\nTomasz Kowalski",
        "<demo-pl-3@meblekowalski.pl>",
        "",
    ),
    (
        8,
        0,
        "Clinic CRM rollout",
        "Dana Demo <dana@demo-studio.example>",
        "james.oconnor@brightwave-health.co.uk",
        "Reminder templates for review",
        "Hi James,\n\nthe SMS and e-mail reminder templates are ready for review on the "
        "test system. Could you confirm the wording by Friday so we can start the pilot?\n\nDana",
        "<demo-en-1@demo-studio.example>",
        "",
    ),
]


def _raw(sent_at, sender, recipient, subject, body, message_id, in_reply_to) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message.set_content(body)
    return message.as_bytes()


def demo_load(workspace) -> None:
    if Interaction.objects.filter(workspace=workspace, message_id__startswith="<demo-").exists():
        return
    workspace.team_email_domains = ["demo-studio.example"]
    workspace.save(update_fields=["team_email_domains"])
    now = timezone.now()
    items = []
    for (
        days,
        hours,
        _project,
        sender,
        recipient,
        subject,
        body,
        message_id,
        in_reply_to,
    ) in MESSAGES:
        sent_at = now - datetime.timedelta(days=days, hours=hours)
        items.append(
            (
                f"demo:{message_id}",
                _raw(sent_at, sender, recipient, subject, body, message_id, in_reply_to),
            )
        )
    mail_import_many(workspace=workspace, items=items)
    project = Project.objects.filter(workspace=workspace, name="Clinic CRM rollout").first()
    contact = Contact.objects.filter(workspace=workspace, name="James O'Connor").first()
    if project and contact:
        interaction_log(
            workspace=workspace,
            actor=None,
            channel=Interaction.Channel.CALL,
            direction=Interaction.Direction.INBOUND,
            occurred_at=now - datetime.timedelta(days=20),
            project=project,
            contact=contact,
            subject="Weekly call",
            body="James confirmed the reminders go out 24 hours before the appointment. "
            "He will send the anonymised sample of patient data next week.",
        )
