"""Word and sentence pools for the generated workspace (``accord demo --scale N``).

Messages are put together from these parts: a greeting, one to five sentences on topics (some of
them situations from the catalogue, which become the generated triage labels), a closing and a
signature. The result reads like ordinary client mail in Russian, Polish or English.
"""

from __future__ import annotations

# Topic → (situation label or "", sentences per language). Routine topics carry no label.
TOPICS: dict[str, tuple[str, dict[str, list[str]]]] = {
    "status": (
        "",
        {
            "ru": [
                "Спасибо за отчёт по этапу, всё понятно.",
                "Подтверждаем встречу в четверг в 11:00, будем втроём.",
                "Посмотрели тестовую базу, в целом всё работает как договаривались.",
                "Пересылаю комментарии бухгалтерии к отчётам, ничего срочного.",
                "Пользователи прошли обучение, вопросов пока нет.",
                "Документы подписали, оригиналы отправим курьером.",
            ],
            "pl": [
                "Dziękuję za raport z etapu, wszystko jasne.",
                "Potwierdzam spotkanie w czwartek o 11:00, będziemy w trzy osoby.",
                "Przejrzeliśmy wersję testową, ogólnie działa tak, jak ustaliliśmy.",
                "Przesyłam uwagi księgowości do raportów, nic pilnego.",
                "Użytkownicy przeszli szkolenie, na razie nie mają pytań.",
                "Dokumenty podpisane, oryginały wyślemy kurierem.",
            ],
            "en": [
                "Thanks for the stage report, all clear on our side.",
                "Confirming Thursday's meeting at 11:00, three of us will join.",
                "We went through the test environment and it mostly works as agreed.",
                "Forwarding the finance team's comments on the reports, nothing urgent.",
                "The users finished their training and have no questions so far.",
                "The documents are signed; the originals go out by courier.",
            ],
        },
    ),
    "question": (
        "",
        {
            "ru": [
                "Подскажите, пожалуйста, в каком формате нужна выгрузка справочников?",
                "Можно ли перенести демонстрацию на час позже?",
                "Кто с вашей стороны будет отвечать за обучение пользователей?",
                "Уточните, пожалуйста, какие права нужны для тестовой учётной записи.",
            ],
            "pl": [
                "Czy mogą Państwo podpowiedzieć, w jakim formacie potrzebny jest eksport słowników?",
                "Czy możemy przesunąć prezentację o godzinę później?",
                "Kto po Państwa stronie odpowiada za szkolenie użytkowników?",
                "Proszę doprecyzować, jakie uprawnienia są potrzebne dla konta testowego.",
            ],
            "en": [
                "Could you tell us which format you need for the master data export?",
                "Can we move the demo one hour later?",
                "Who on your side will run the user training?",
                "Please confirm which permissions the test account needs.",
            ],
        },
    ),
    "deadline": (
        "deadline_risk",
        {
            "ru": [
                "Этап должен был закончиться на прошлой неделе, а результата до сих пор нет.",
                "Мы не успеваем к дате запуска, если тестирование не начнётся в понедельник.",
                "Когда вы наконец покажете рабочую версию? Сроки уже сорваны.",
            ],
            "pl": [
                "Etap miał się zakończyć w zeszłym tygodniu, a wyników nadal nie ma.",
                "Nie zdążymy na datę startu, jeśli testy nie ruszą w poniedziałek.",
                "Kiedy wreszcie zobaczymy działającą wersję? Terminy już są przekroczone.",
            ],
            "en": [
                "The stage was due last week and we still have nothing to look at.",
                "We will miss the go-live date unless testing starts on Monday.",
                "When will we finally see a working version? The deadline has already slipped.",
            ],
        },
    ),
    "quality": (
        "quality_complaint",
        {
            "ru": [
                "После обновления отчёт по остаткам показывает неверные суммы.",
                "Система постоянно зависает при проведении документов, работать невозможно.",
                "Ошибок в последней версии больше, чем в предыдущей.",
            ],
            "pl": [
                "Po aktualizacji raport stanów pokazuje błędne kwoty.",
                "System ciągle się zawiesza przy księgowaniu dokumentów, nie da się pracować.",
                "W ostatniej wersji jest więcej błędów niż w poprzedniej.",
            ],
            "en": [
                "Since the update the stock report shows the wrong totals.",
                "The system keeps freezing when we post documents; nobody can work.",
                "The latest release has more bugs than the one before.",
            ],
        },
    ),
    "payment": (
        "payment_issue",
        {
            "ru": [
                "Оплату счёта за этап перенесём на следующий месяц.",
                "Бухгалтерия пока не может оплатить счёт, бюджет не согласован.",
            ],
            "pl": [
                "Płatność za fakturę za etap przesuniemy na przyszły miesiąc.",
                "Księgowość nie może jeszcze zapłacić faktury, budżet nie jest zatwierdzony.",
            ],
            "en": [
                "We will pay the stage invoice next month instead.",
                "Finance cannot pay the invoice yet; the budget has not been approved.",
            ],
        },
    ),
    "scope": (
        "out_of_scope_request",
        {
            "ru": [
                "Нам срочно нужна интеграция с маркетплейсами, сделайте в рамках текущего бюджета.",
                "Добавьте, пожалуйста, ещё мобильное приложение, это же небольшая доработка.",
            ],
            "pl": [
                "Pilnie potrzebujemy integracji z marketplace'ami w ramach obecnego budżetu.",
                "Proszę dodać jeszcze aplikację mobilną, to przecież drobna zmiana.",
            ],
            "en": [
                "We urgently need the marketplace integration, within the current budget please.",
                "Please add a mobile app as well; it is only a small addition.",
            ],
        },
    ),
    "change": (
        "requirements_change",
        {
            "ru": [
                "Мы решили поменять схему согласования заявок, старая больше не подходит.",
                "Руководство хочет другой порядок статусов, переделайте, пожалуйста.",
            ],
            "pl": [
                "Zdecydowaliśmy się zmienić schemat akceptacji zamówień, stary już nie pasuje.",
                "Zarząd chce innej kolejności statusów, proszę to przerobić.",
            ],
            "en": [
                "We have decided to change the approval flow; the old one no longer fits.",
                "Management wants a different order of statuses, please rework it.",
            ],
        },
    ),
    "unclear": (
        "unclear_requirements",
        {
            "ru": [
                "Сделайте, чтобы было удобно, детали потом обсудим.",
                "Нужно что-то вроде отчёта для руководства, но мы ещё не решили какого.",
            ],
            "pl": [
                "Proszę zrobić tak, żeby było wygodnie, szczegóły omówimy później.",
                "Potrzebujemy czegoś w rodzaju raportu dla zarządu, ale jeszcze nie wiemy jakiego.",
            ],
            "en": [
                "Just make it convenient, we can talk about the details later.",
                "We need some kind of management report, but we have not decided which.",
            ],
        },
    ),
    "conflict": (
        "conflict",
        {
            "ru": [
                "Мы категорически не согласны с вашей оценкой, это не то, о чём договаривались.",
            ],
            "pl": [
                "Zdecydowanie nie zgadzamy się z Państwa wyceną, to nie to, co ustaliliśmy.",
            ],
            "en": [
                "We strongly disagree with your estimate; this is not what we agreed.",
            ],
        },
    ),
    "threat": (
        "escalation_threat",
        {
            "ru": [
                "Если до конца месяца ничего не изменится, будем искать другого подрядчика.",
            ],
            "pl": [
                "Jeśli do końca miesiąca nic się nie zmieni, poszukamy innego wykonawcy.",
            ],
            "en": [
                "If nothing changes by the end of the month we will look for another supplier.",
            ],
        },
    ),
    "collective": (
        "collective_complaint",
        {
            "ru": [
                "Жалуются все склады сразу: с утра никто не может провести приход.",
            ],
            "pl": [
                "Skarżą się wszystkie magazyny naraz: od rana nikt nie może przyjąć dostawy.",
            ],
            "en": [
                "Every warehouse is complaining at once: nobody has been able to book a delivery since morning.",
            ],
        },
    ),
}

# How often each topic is picked for a client sentence (routine mail dominates).
TOPIC_WEIGHTS = {
    "status": 30,
    "question": 25,
    "deadline": 6,
    "quality": 6,
    "payment": 3,
    "scope": 3,
    "change": 3,
    "unclear": 3,
    "conflict": 2,
    "threat": 1,
    "collective": 1,
}

TEAM_SENTENCES = {
    "ru": [
        "Спасибо, приняли в работу.",
        "Отправляем обновлённый план работ, изменения выделены цветом.",
        "Исправление выложено на тестовую базу, проверьте, пожалуйста.",
        "Предлагаем созвониться завтра в 10:00 и пройтись по открытым вопросам.",
        "Подготовили протокол встречи, замечания ждём до пятницы.",
        "Эта доработка не входит в договор, пришлём оценку отдельным запросом на изменение.",
        "Понимаем ваше недовольство и берём ответственность за задержку на себя.",
    ],
    "pl": [
        "Dziękujemy, przyjęte do realizacji.",
        "Przesyłamy zaktualizowany harmonogram, zmiany są zaznaczone kolorem.",
        "Poprawka jest na serwerze testowym, prosimy o sprawdzenie.",
        "Proponujemy rozmowę jutro o 10:00, żeby przejść przez otwarte kwestie.",
        "Przygotowaliśmy notatkę ze spotkania, uwagi prosimy do piątku.",
        "Ta zmiana nie wchodzi w zakres umowy, wycenę wyślemy jako osobny wniosek o zmianę.",
        "Rozumiemy Państwa niezadowolenie i bierzemy odpowiedzialność za opóźnienie.",
    ],
    "en": [
        "Thanks, we are on it.",
        "Attached is the updated plan, with the changes highlighted.",
        "The fix is on the test environment, please check it.",
        "Shall we have a call tomorrow at 10:00 to go through the open points?",
        "The minutes are ready; we would welcome comments by Friday.",
        "This change is outside the contract, so we will send an estimate as a change request.",
        "We understand your frustration and take responsibility for the delay.",
    ],
}

GREETINGS = {
    "ru": ["Добрый день!", "Здравствуйте, {name}!", "{name}, добрый день.", "Коллеги, привет."],
    "pl": ["Dzień dobry,", "Witam Panie {name},", "Pani {name}, dzień dobry.", "Cześć,"],
    "en": ["Hi {name},", "Hello,", "Dear {name},", "Morning {name},"],
}
CLOSINGS = {
    "ru": ["С уважением,", "Спасибо,", "Хорошего дня,", ""],
    "pl": ["Pozdrawiam,", "Z poważaniem,", "Dziękuję,", ""],
    "en": ["Best regards,", "Thanks,", "Kind regards,", "Cheers,"],
}
SUBJECTS = {
    "ru": [
        "Выгрузка остатков",
        "Этап {n}: замечания",
        "Протокол встречи {n}",
        "Счёт за этап {n}",
        "Тестовая база",
        "Обучение пользователей",
        "Доработка отчётов",
        "Сроки запуска",
        "Права доступа",
        "Интеграция с сайтом",
    ],
    "pl": [
        "Eksport stanów",
        "Etap {n}: uwagi",
        "Notatka ze spotkania {n}",
        "Faktura za etap {n}",
        "Serwer testowy",
        "Szkolenie użytkowników",
        "Poprawki raportów",
        "Termin startu",
        "Uprawnienia",
        "Integracja ze sklepem",
    ],
    "en": [
        "Stock export",
        "Stage {n}: comments",
        "Meeting minutes {n}",
        "Invoice for stage {n}",
        "Test environment",
        "User training",
        "Report changes",
        "Go-live date",
        "Access rights",
        "Website integration",
    ],
}
WROTE = {
    "ru": "{date}, {name} написал(а):",
    "pl": "{date} {name} napisał(a):",
    "en": "On {date}, {name} wrote:",
}
REPLY_PREFIX = {"ru": "Re: ", "pl": "Odp: ", "en": "Re: "}

FIRST_NAMES = {
    "ru": ["Елена", "Игорь", "Ольга", "Андрей", "Мария", "Сергей", "Наталья", "Дмитрий"],
    "pl": ["Katarzyna", "Tomasz", "Ewa", "Piotr", "Agnieszka", "Marek", "Anna", "Paweł"],
    "en": ["Rachel", "James", "Priya", "Oliver", "Emma", "Daniel", "Sophie", "Liam"],
}
LAST_NAMES = {
    "ru": ["Кравец", "Морозов", "Петрова", "Смирнов", "Волкова", "Кузнецов", "Соколова", "Попов"],
    "pl": ["Kowalski", "Wiśniewska", "Lewandowska", "Zieliński", "Nowak", "Wójcik", "Kamińska"],
    "en": ["Adams", "O'Connor", "Shah", "Smith", "Taylor", "Brown", "Wilson", "Evans"],
}
LATIN = {
    "Елена": "elena",
    "Игорь": "igor",
    "Ольга": "olga",
    "Андрей": "andrey",
    "Мария": "maria",
    "Сергей": "sergey",
    "Наталья": "natalia",
    "Дмитрий": "dmitry",
}
COMPANY_PARTS = {
    "ru": (
        ["Северная", "Южная", "Восточная", "Балтийская", "Уральская", "Волжская", "Сибирская"],
        ["логистика", "торговля", "мебель", "дистрибуция", "инженерия", "фармация", "агрохолдинг"],
    ),
    "pl": (
        ["Meble", "Hurtownia", "Transport", "Budmax", "Agro", "Drukarnia", "Apteka"],
        ["Kowalski", "Nowak", "Polska", "Mazowsze", "Pomorze", "Śląsk", "Bałtyk"],
    ),
    "en": (
        ["Brightwave", "Northgate", "Bluestone", "Redwood", "Silverline", "Harbour", "Oakfield"],
        ["Health", "Logistics", "Retail", "Foods", "Engineering", "Clinics", "Partners"],
    ),
}
PROJECT_NAMES = {
    "ru": ["Внедрение 1С:ERP", "Доработка WMS", "CRM для отдела продаж", "Сопровождение", "Портал"],
    "pl": ["Nowy sklep internetowy", "Wdrożenie ERP", "Integracja z Allegro", "Utrzymanie", "CRM"],
    "en": ["Clinic CRM rollout", "ERP upgrade", "Data warehouse", "Support", "Customer portal"],
}
AGREEMENT_TITLES = {
    "ru": [
        "Еженедельные созвоны по четвергам",
        "Отчёты выгружаются в Excel",
        "Приёмка этапа по чек-листу",
        "Перенос остатков на дату запуска",
    ],
    "pl": [
        "Cotygodniowe rozmowy w czwartki",
        "Raporty eksportowane do Excela",
        "Odbiór etapu według listy kontrolnej",
        "Przeniesienie stanów na dzień startu",
    ],
    "en": [
        "Weekly calls on Thursdays",
        "Reports export to Excel",
        "Stage acceptance by checklist",
        "Opening balances moved on go-live day",
    ],
}
COMMITMENT_TITLES = {
    "ru": ["Предоставить выгрузку", "Утвердить ТЗ", "Настроить права", "Провести обучение"],
    "pl": ["Przekazać eksport", "Zatwierdzić specyfikację", "Ustawić uprawnienia", "Szkolenie"],
    "en": ["Provide the export", "Sign off the design", "Set up permissions", "Run the training"],
}
MILESTONE_NAMES = {
    "ru": ["Обследование и ТЗ", "Основной функционал", "Запуск"],
    "pl": ["Analiza i specyfikacja", "Główne funkcje", "Start"],
    "en": ["Discovery and design", "Core features", "Go-live"],
}
SCOPE_TITLES = {
    "ru": ["Складской учёт", "Закупки", "Перенос данных", "Обучение пользователей"],
    "pl": ["Gospodarka magazynowa", "Zakupy", "Migracja danych", "Szkolenie użytkowników"],
    "en": ["Warehouse management", "Purchasing", "Data migration", "User training"],
}
MEETING_TITLES = {
    "ru": "Еженедельный созвон",
    "pl": "Cotygodniowa rozmowa",
    "en": "Weekly call",
}
