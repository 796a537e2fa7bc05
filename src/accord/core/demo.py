"""The demo workspace: three clients writing in Russian, Polish and English, one engagement in trouble.

Dates are relative to today so the dashboard always shows live problems. Loading is idempotent:
the workspace is created once; each app's ``demo.demo_load(workspace)`` is safe to repeat.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accord.agreements.models import Agreement, Commitment
from accord.agreements.services import (
    agreement_record,
    agreement_reverse,
    agreement_revise,
    commitment_create,
)
from accord.clients.services import client_create, contact_create
from accord.core.hooks import app_modules
from accord.projects.models import ScopeItem
from accord.projects.services import (
    contract_for_project,
    contract_update,
    milestone_create,
    milestone_update,
    project_create,
    scope_item_add,
)
from accord.workspaces.models import Member, Workspace
from accord.workspaces.services import member_add, workspace_create

DEMO_SLUG = "demo"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def demo_load() -> bool:
    """Create the demo workspace when missing; returns True when it was created now."""
    # Demo mail goes to made-up addresses: never hand it to a real mail server.
    with override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    ):
        return _demo_load()


def _demo_load() -> bool:
    created = False
    workspace = Workspace.objects.filter(slug=DEMO_SLUG).first()
    if workspace is None:
        workspace = _demo_core()
        created = True
    for module in app_modules("demo"):
        if module.__name__ != __name__:
            module.demo_load(workspace)
    return created


@transaction.atomic
def _demo_core() -> Workspace:
    workspace, owner = workspace_create(
        name="Demo Studio",
        owner_username=DEMO_USERNAME,
        owner_password=None,
        slug=DEMO_SLUG,
        owner_email="demo@demo-studio.example",
    )
    user = owner.user
    # The demo password is deliberately trivial and documented; it is for local use only.
    user.set_password(DEMO_PASSWORD)
    user.first_name, user.last_name = "Dana", "Demo"
    user.save()
    anna = member_add(
        workspace=workspace, username="anna.pm", role=Member.Role.MANAGER, language="ru", actor=user
    )
    anna.user.first_name, anna.user.last_name = "Anna", "Sokolova"
    anna.user.save()
    piotr = member_add(
        workspace=workspace,
        username="piotr.dev",
        role=Member.Role.MEMBER,
        language="pl",
        actor=user,
    )
    piotr.user.first_name, piotr.user.last_name = "Piotr", "Zieliński"
    piotr.user.save()

    _demo_troubled_ru(workspace, user, anna, piotr)
    _demo_shop_pl(workspace, user, piotr)
    _demo_crm_en(workspace, user, owner)
    return workspace


def _demo_troubled_ru(workspace, user, anna, piotr) -> None:
    """ERP rollout for a logistics company: the clearly troubled engagement."""
    client = client_create(
        workspace=workspace,
        actor=user,
        name="ООО «Северная логистика»",
        email_domains=["sevlog.ru"],
        website="https://sevlog.ru",
        language="ru",
        notes="Внедрение 1С:ERP на трёх складах. Оплата по этапам.",
    )
    director = contact_create(
        client=client,
        actor=user,
        name="Игорь Васильевич Морозов",
        emails=["morozov@sevlog.ru"],
        phone="+7 812 555-01-10",
        role="decision_maker",
        position="Генеральный директор",
    )
    manager = contact_create(
        client=client,
        actor=user,
        name="Елена Кравец",
        emails=["kravets@sevlog.ru", "e.kravets@gmail.com"],
        phone="+7 921 555-22-33",
        role="manager",
        position="Руководитель проекта",
    )
    accountant = contact_create(
        client=client,
        actor=user,
        name="Ольга Петрова",
        emails=["buh@sevlog.ru"],
        role="accountant",
        position="Главный бухгалтер",
    )
    project = project_create(
        client=client,
        actor=user,
        name="Внедрение 1С:ERP",
        start_date=_days(-120),
        end_date=_days(60),
        budget=Decimal("4800000"),
        currency="RUB",
        description="Складской учёт, закупки и регламентированная отчётность на 1С:ERP 2.5.",
    )
    contract = contract_for_project(project=project)
    contract_update(
        contract=contract,
        actor=user,
        number="СЛ-2026/14",
        signed_date=_days(-125),
        hourly_rate=Decimal("3500"),
        payment_terms_days=10,
        response_time_hours=8,
        meeting_cadence="weekly",
        documentation_list="Техническое задание\nПротоколы встреч\nИнструкции пользователей\nАкт приёмки этапа",
        escalation_path="",  # never agreed: the setup checklist shows it
    )
    for title, kind in [
        ("Складской учёт на трёх складах (адресное хранение)", ScopeItem.Kind.INCLUDED),
        ("Закупки и согласование заявок", ScopeItem.Kind.INCLUDED),
        ("Перенос остатков и справочников из 1С:УТ 11", ScopeItem.Kind.INCLUDED),
        ("Обучение 15 пользователей", ScopeItem.Kind.INCLUDED),
        ("Интеграция с сайтом и маркетплейсами", ScopeItem.Kind.EXCLUDED),
        ("Зарплата и кадры", ScopeItem.Kind.EXCLUDED),
    ]:
        scope_item_add(contract=contract, actor=user, title=title, kind=kind)
    m1 = milestone_create(
        project=project,
        actor=user,
        name="Этап 1. Обследование и ТЗ",
        planned_date=_days(-90),
        deliverable="Утверждённое техническое задание",
    )
    milestone_update(milestone=m1, actor=user, done_date=_days(-85))
    m2 = milestone_create(
        project=project,
        actor=user,
        name="Этап 2. Складской учёт",
        planned_date=_days(-10),
        deliverable="Рабочая база со складским учётом на тестовом складе",
    )
    milestone_update(milestone=m2, actor=user, forecast_date=_days(14))
    milestone_create(
        project=project,
        actor=user,
        name="Этап 3. Закупки и запуск",
        planned_date=_days(50),
        deliverable="Опытная эксплуатация на трёх складах",
    )

    commitment_create(
        project=project,
        actor=user,
        title="Предоставить выгрузку остатков из 1С:УТ",
        side=Commitment.Side.CLIENT,
        owner_contact=manager,
        due_date=_days(-21),
        milestone=m2,
        origin_label="Протокол встречи",
    )
    commitment_create(
        project=project,
        actor=user,
        title="Утвердить схему адресного хранения",
        side=Commitment.Side.CLIENT,
        owner_contact=director,
        due_date=_days(-12),
        milestone=m2,
    )
    commitment_create(
        project=project,
        actor=user,
        title="Оплатить счёт за этап 1",
        side=Commitment.Side.CLIENT,
        owner_contact=accountant,
        due_date=_days(-30),
    )
    commitment_create(
        project=project,
        actor=user,
        title="Настроить ордерную схему на тестовом складе",
        side=Commitment.Side.OURS,
        owner_member=piotr,
        due_date=_days(-3),
        milestone=m2,
        estimate_hours=Decimal("24"),
    )
    commitment_create(
        project=project,
        actor=user,
        title="Провести демонстрацию складского учёта",
        side=Commitment.Side.OURS,
        owner_member=anna,
        due_date=_days(7),
        milestone=m2,
        estimate_hours=Decimal("6"),
    )

    agreement_record(
        project=project,
        actor=user,
        title="Техническое задание утверждено без изменений",
        source=Agreement.Source.EMAIL,
        decided_on=_days(-86),
        accepted_by=director,
        source_reference="Re: ТЗ на внедрение, финальная версия",
    )
    scope = agreement_record(
        project=project,
        actor=user,
        title="Интеграция с маркетплейсами не входит в проект",
        source=Agreement.Source.CONTRACT,
        decided_on=_days(-125),
        accepted_by=director,
        source_reference="Договор СЛ-2026/14, приложение 1",
    )
    agreement_reverse(
        agreement=scope,
        actor=user,
        reversed_by_contact=manager,
        note="Елена требует интеграцию с Ozon в рамках текущего бюджета.",
    )
    weekly = agreement_record(
        project=project,
        actor=user,
        title="Еженедельные созвоны по вторникам в 11:00",
        source=Agreement.Source.MEETING,
        decided_on=_days(-118),
        accepted_by=manager,
        source_reference="Стартовая встреча",
    )
    agreement_revise(
        agreement=weekly,
        actor=user,
        title="Еженедельные созвоны по четвергам в 10:00",
        decided_on=_days(-60),
    )


def _demo_shop_pl(workspace, user, piotr) -> None:
    client = client_create(
        workspace=workspace,
        actor=user,
        name="Meble Kowalski Sp. z o.o.",
        email_domains=["meblekowalski.pl"],
        website="https://meblekowalski.pl",
        language="pl",
        notes="Sklep internetowy na Shopware, dwa magazyny.",
    )
    owner = contact_create(
        client=client,
        actor=user,
        name="Tomasz Kowalski",
        emails=["tomasz@meblekowalski.pl"],
        phone="+48 601 555 010",
        role="decision_maker",
        position="Prezes zarządu",
    )
    marketing = contact_create(
        client=client,
        actor=user,
        name="Katarzyna Wiśniewska",
        emails=["k.wisniewska@meblekowalski.pl"],
        role="manager",
        position="Kierownik e-commerce",
    )
    contact_create(
        client=client,
        actor=user,
        name="Ewa Lewandowska",
        emails=["faktury@meblekowalski.pl"],
        role="accountant",
        position="Księgowa",
    )
    project = project_create(
        client=client,
        actor=user,
        name="Nowy sklep internetowy",
        start_date=_days(-45),
        end_date=_days(75),
        budget=Decimal("180000"),
        currency="PLN",
    )
    contract = contract_for_project(project=project)
    contract_update(
        contract=contract,
        actor=user,
        number="UM/2026/031",
        signed_date=_days(-50),
        hourly_rate=Decimal("180"),
        payment_terms_days=14,
        response_time_hours=8,
        meeting_cadence="biweekly",
        documentation_list="Specyfikacja funkcjonalna\nNotatki ze spotkań\nInstrukcja panelu",
        escalation_path="Kierownik projektu → Prezes zarządu klienta i właściciel studia; "
        "w razie sporu mediator z Izby Gospodarki Elektronicznej.",
    )
    for title in [
        "Katalog produktów z wariantami (kolor, tkanina)",
        "Koszyk i płatności Przelewy24",
        "Integracja z magazynem (stany co 15 minut)",
        "Szablon graficzny sklepu (RWD)",
    ]:
        scope_item_add(contract=contract, actor=user, title=title)
    scope_item_add(
        contract=contract, actor=user, title="Aplikacja mobilna", kind=ScopeItem.Kind.EXCLUDED
    )
    m1 = milestone_create(
        project=project,
        actor=user,
        name="Makiety i szablon",
        planned_date=_days(-5),
        deliverable="Zaakceptowane makiety stron",
    )
    milestone_update(
        milestone=m1,
        actor=user,
        done_date=_days(-6),
        demoed_at=timezone.now() - datetime.timedelta(days=6),
    )
    milestone_create(
        project=project,
        actor=user,
        name="Katalog i koszyk",
        planned_date=_days(30),
        deliverable="Działający katalog z koszykiem na serwerze testowym",
    )
    milestone_create(project=project, actor=user, name="Start sprzedaży", planned_date=_days(70))
    commitment_create(
        project=project,
        actor=user,
        title="Przekazać zdjęcia i opisy 300 produktów",
        side=Commitment.Side.CLIENT,
        owner_contact=marketing,
        due_date=_days(10),
    )
    commitment_create(
        project=project,
        actor=user,
        title="Wdrożyć katalog z wariantami",
        side=Commitment.Side.OURS,
        owner_member=piotr,
        due_date=_days(25),
        estimate_hours=Decimal("60"),
    )
    agreement_record(
        project=project,
        actor=user,
        title="Makiety zaakceptowane z poprawką koloru przycisków",
        source=Agreement.Source.MEETING,
        decided_on=_days(-6),
        accepted_by=owner,
        source_reference="Prezentacja makiet",
    )
    agreement_record(
        project=project,
        actor=user,
        title="Płatności tylko przez Przelewy24 na start",
        source=Agreement.Source.EMAIL,
        decided_on=_days(-30),
        accepted_by=marketing,
        source_reference="Re: bramka płatności",
    )


def _demo_crm_en(workspace, user, owner) -> None:
    client = client_create(
        workspace=workspace,
        actor=user,
        name="Brightwave Health Ltd",
        email_domains=["brightwave-health.co.uk"],
        website="https://brightwave-health.co.uk",
        language="en",
        notes="CRM for a network of 12 physiotherapy clinics.",
    )
    sponsor = contact_create(
        client=client,
        actor=user,
        name="Rachel Adams",
        emails=["rachel.adams@brightwave-health.co.uk"],
        role="decision_maker",
        position="Operations Director",
    )
    lead = contact_create(
        client=client,
        actor=user,
        name="James O'Connor",
        emails=["james.oconnor@brightwave-health.co.uk"],
        role="manager",
        position="Clinic Systems Lead",
    )
    contact_create(
        client=client,
        actor=user,
        name="Priya Shah",
        emails=["accounts@brightwave-health.co.uk"],
        role="accountant",
        position="Finance",
    )
    project = project_create(
        client=client,
        actor=user,
        name="Clinic CRM rollout",
        start_date=_days(-70),
        end_date=_days(40),
        budget=Decimal("64000"),
        currency="GBP",
    )
    contract = contract_for_project(project=project)
    contract_update(
        contract=contract,
        actor=user,
        number="BW-2026-07",
        signed_date=_days(-72),
        hourly_rate=Decimal("85"),
        payment_terms_days=30,
        response_time_hours=4,
        meeting_cadence="weekly",
        documentation_list="Solution design\nMeeting minutes\nAdmin guide\nTraining materials",
        escalation_path="Project leads → Rachel Adams and our director within 2 working days; "
        "unresolved: independent mediator (CEDR).",
    )
    for title in [
        "Patient records and appointment booking",
        "SMS and e-mail reminders",
        "Migration of 40,000 patient records",
        "Reporting dashboard for clinic managers",
    ]:
        scope_item_add(contract=contract, actor=user, title=title)
    scope_item_add(
        contract=contract,
        actor=user,
        title="Integration with NHS Spine",
        kind=ScopeItem.Kind.EXCLUDED,
    )
    m1 = milestone_create(
        project=project, actor=user, name="Solution design signed off", planned_date=_days(-40)
    )
    milestone_update(milestone=m1, actor=user, done_date=_days(-41))
    milestone_create(
        project=project,
        actor=user,
        name="Pilot in two clinics",
        planned_date=_days(12),
        deliverable="Booking and reminders live in Leeds and York",
    )
    milestone_create(project=project, actor=user, name="All clinics live", planned_date=_days(38))
    commitment_create(
        project=project,
        actor=user,
        title="Provide anonymised sample of patient data",
        side=Commitment.Side.CLIENT,
        owner_contact=lead,
        due_date=_days(-4),
    )
    commitment_create(
        project=project,
        actor=user,
        title="Configure reminder templates",
        side=Commitment.Side.OURS,
        owner_member=owner,
        due_date=_days(5),
        estimate_hours=Decimal("12"),
    )
    agreement_record(
        project=project,
        actor=user,
        title="Reminders go out 24 hours before the appointment",
        source=Agreement.Source.CALL,
        decided_on=_days(-20),
        accepted_by=sponsor,
        source_reference="Weekly call",
    )


def demo_user_exists() -> bool:
    return get_user_model().objects.filter(username=DEMO_USERNAME).exists()
