import datetime
import zoneinfo

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.ingestion.chat import split_chat
from accord.communications.models import Interaction
from accord.communications.selectors import client_silence, interaction_list, response_stats
from accord.communications.services import interaction_log
from accord.projects.tests.factories import ContractFactory, ProjectFactory
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, 0, tzinfo=WARSAW)


@pytest.fixture
def project(workspace):
    client = ClientFactory(workspace=workspace, language="pl")
    project = ProjectFactory(client=client, start_date=datetime.date(2026, 1, 1))
    ContractFactory(project=project, response_time_hours=4)
    return project


def _message(project, direction, when, subject="x"):
    return Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction=direction,
        occurred_at=when,
        subject=subject,
        body_text=subject,
    )


def test_response_times_in_working_hours_and_breaches(project):
    _message(project, "in", at(6, 16), "Friday question")  # answered Monday 11:00 -> 3 h
    _message(project, "out", at(9, 11))
    _message(project, "in", at(9, 12), "Monday question")  # answered Tuesday 12:00 -> 9 h
    _message(project, "out", at(10, 12))

    stats = response_stats(project=project, now=at(10, 13))

    assert [(row.inbound.subject, row.hours, row.breached) for row in stats.rows] == [
        ("Friday question", 4.0, False),
        ("Monday question", 9.0, True),
    ]
    assert stats.client_reply_hours == [1.0]


def test_unanswered_message_counts_until_now(project):
    _message(project, "in", at(9, 9), "Waiting")

    stats = response_stats(project=project, now=at(9, 15))

    assert stats.rows[0].answer is None and stats.rows[0].hours == 6.0 and stats.rows[0].breached


def test_client_silence_starts_after_threshold_and_climbs_the_ladder(project):
    _message(project, "out", at(2, 10), "Please review the mock-ups")

    assert client_silence(project=project, today=datetime.date(2026, 11, 4)) is None
    first = client_silence(project=project, today=datetime.date(2026, 11, 5))
    third = client_silence(project=project, today=datetime.date(2026, 11, 13))

    assert (first.working_days, first.step) == (3, 1)
    assert third.step == 3


def test_silence_pauses_while_the_team_owes_the_answer(project):
    _message(project, "out", at(2, 10))
    _message(project, "in", at(3, 10))

    assert client_silence(project=project, today=datetime.date(2026, 11, 20)) is None


def test_project_page_shows_ladder_draft_in_contact_language(member_client, project):
    ContactFactory(client=project.client, name="Ewa Nowak", language="pl", role="manager")
    ContactFactory(client=project.client, name="Jan Prezes", language="pl", role="decision_maker")
    _message(project, "out", timezone.now() - datetime.timedelta(days=30), "Makiety")

    page = member_client.get(f"/projects/{project.pk}/").content.decode()

    assert "Napisać do osoby decyzyjnej" in page
    assert "Jan Prezes" in page
    assert "Client silent for" in member_client.get("/").content.decode()


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (
            "12.03.2026, 10:15 - Ewa Nowak: Kiedy demo?\n12.03.2026, 10:20 - Piotr: Jutro o 10.",
            ["Ewa Nowak", "Piotr"],
        ),
        (
            "[12.03.26, 10:15:03] Ewa Nowak: Kiedy demo?\nto pilne\n[12.03.26, 10:16:00] Piotr: Jutro.",
            ["Ewa Nowak", "Piotr"],
        ),
        (
            "Ewa Nowak, [12.03.2026 10:15]\nKiedy demo?\nPiotr, [12.03.2026 10:17]\nJutro.",
            ["Ewa Nowak", "Piotr"],
        ),
        ("Ewa Nowak  10:15 AM\nKiedy demo?\nPiotr  10:17 AM\nJutro.", ["Ewa Nowak", "Piotr"]),
        ("Ewa: Kiedy demo?\nPiotr: Jutro.\nEwa: OK", ["Ewa", "Piotr", "Ewa"]),
    ],
)
def test_chat_formats_are_split(text, authors):
    messages = split_chat(text, default_date=datetime.date(2026, 3, 12))

    assert [message.author for message in messages] == authors
    assert messages[0].text.startswith("Kiedy demo?")


def test_pasted_chat_records_client_lines_as_inbound(member_client, project):
    ContactFactory(client=project.client, name="Ewa Nowak")

    response = member_client.post(
        f"/communications/project/{project.pk}/chat/",
        {
            "text": "12.03.2026, 10:15 - Ewa Nowak: Kiedy demo?\n12.03.2026, 10:20 - Piotr: Jutro o 10.",
        },
    )

    assert response.status_code == 302
    assert list(
        Interaction.objects.order_by("occurred_at").values_list("direction", "body_text")
    ) == [
        ("in", "Kiedy demo?"),
        ("out", "Jutro o 10."),
    ]


def test_call_logged_by_hand_and_bad_input_refused(member_client, member, project):
    contact = ContactFactory(client=project.client)
    ok = member_client.post(
        f"/communications/project/{project.pk}/log/",
        {
            "channel": "call",
            "direction": "in",
            "occurred_at": "2026-11-02T10:00",
            "contact": contact.pk,
            "subject": "Weekly call",
            "body": "Client asked to move the demo.",
        },
    )
    empty = member_client.post(
        f"/communications/project/{project.pk}/log/",
        {
            "channel": "call",
            "direction": "in",
            "occurred_at": "2026-11-02T10:00",
            "body": "   ",
        },
    )
    future = member_client.post(
        f"/communications/project/{project.pk}/log/",
        {
            "channel": "call",
            "direction": "in",
            "occurred_at": "2099-01-01T10:00",
            "body": "x",
        },
    )

    assert ok.status_code == 302 and empty.status_code == 400 and future.status_code == 400
    assert Interaction.objects.get().sender_contact == contact


def test_compose_sends_and_records_outbound(
    member_client, project, django_capture_on_commit_callbacks
):
    contact = ContactFactory(client=project.client)

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"/communications/project/{project.pk}/compose/",
            {
                "to": [contact.pk],
                "subject": "Demo on Friday",
                "body": "Context... Problem... We ask...",
            },
        )

    assert response.status_code == 302
    sent = Interaction.objects.get()
    assert (sent.direction, sent.channel, sent.subject) == ("out", "email", "Demo on Friday")
    assert len(mail.outbox) == 1 and mail.outbox[0].extra_headers["Message-ID"] == sent.message_id


def test_timeline_filters_and_search(member_client, project):
    _message(project, "in", at(2, 10), "Invoice overdue")
    _message(project, "out", at(2, 11), "Mock-ups ready")

    found = member_client.get(f"/communications/project/{project.pk}/?q=invoice").content.decode()
    outbound = member_client.get(
        f"/communications/project/{project.pk}/?direction=out"
    ).content.decode()

    assert "Invoice overdue" in found and "Mock-ups ready" not in found
    assert "Mock-ups ready" in outbound and "Invoice overdue" not in outbound


@pytest.mark.parametrize("rows", [5, 120])
def test_timeline_has_bounded_queries(member_client, project, django_assert_max_num_queries, rows):
    for index in range(rows):
        _message(
            project, "in" if index % 2 else "out", at(2, 10) + datetime.timedelta(minutes=index)
        )

    with django_assert_max_num_queries(12):
        response = member_client.get("/communications/")

    assert response.status_code == 200


def test_other_workspace_messages_are_404(member_client):
    other = MemberFactory()
    other_project = ProjectFactory(client__workspace=other.workspace)
    message = _message(other_project, "in", at(2, 10), "Secret")

    assert member_client.get(f"/communications/messages/{message.pk}/").status_code == 404
    assert member_client.get(f"/communications/project/{other_project.pk}/").status_code == 404
    assert "Secret" not in member_client.get("/communications/").content.decode()


def test_logged_message_language_is_detected(member, project):
    interaction = interaction_log(
        workspace=project.workspace,
        actor=member.user,
        channel="note",
        direction="in",
        occurred_at=timezone.now(),
        body="Klient prosi o przesunięcie terminu płatności.",
        project=project,
    )

    assert interaction.language == "pl"


def test_message_page_links_its_case_and_replies_in_the_thread(
    member_client, project, django_capture_on_commit_callbacks
):
    from accord.situations.models import Case

    contact = ContactFactory(client=project.client, email="anna@example.com")
    question = Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Where is the build?",
        message_id="<build-1@example.com>",
        sender_contact=contact,
    )
    case = Case.objects.create(
        workspace=project.workspace, project=project, situation="deadline_risk", severity="high"
    )
    case.interactions.add(question)

    page = member_client.get(f"/communications/messages/{question.pk}/").content.decode()
    form = member_client.get(f"/communications/project/{project.pk}/compose/?reply={question.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        sent = member_client.post(
            f"/communications/project/{project.pk}/compose/?reply={question.pk}",
            {"to": [contact.pk], "subject": "Where is the build?", "body": "Friday."},
        )

    assert f'href="/cases/{case.pk}/"' in page
    assert f'href="/communications/project/{project.pk}/compose/?reply={question.pk}"' in page
    assert form.context["form"].initial["to"] == [contact.pk]
    assert sent.status_code == 302
    answer = Interaction.objects.get(direction="out")
    assert answer.subject == "Re: Where is the build?"
    assert answer.in_reply_to == "<build-1@example.com>"


def test_reply_to_a_message_of_another_workspace_is_404(member_client, project):
    other = ProjectFactory()
    foreign = Interaction.objects.create(
        workspace=other.workspace,
        project=other,
        client=other.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Secret",
    )

    response = member_client.get(
        f"/communications/project/{project.pk}/compose/?reply={foreign.pk}"
    )

    assert response.status_code == 404


def test_search_reads_the_stored_vector_and_finds_what_is_written_later(project):
    """On PostgreSQL the search filters on the generated, GIN-indexed ``search_document`` column
    (no to_tsvector per row); on SQLite it is LIKE. Either way a message written after the
    column existed is found by a word of its quoted text, and an edit is seen at once."""
    message = _message(project, "in", at(2, 10), "Weekly report")
    Interaction.objects.filter(pk=message.pk).update(quoted_text="> the zeppelin question")

    found = interaction_list(workspace=project.workspace, project=project, query="zeppelin")
    assert list(found) == [message]
    Interaction.objects.filter(pk=message.pk).update(quoted_text="")
    assert list(interaction_list(workspace=project.workspace, query="zeppelin")) == []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = found.explain()
        assert "search_document" in plan and "to_tsvector" not in plan
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'communications_interaction' AND indexdef LIKE '%%gin%%'"
            )
            gin = cursor.fetchall()
        assert [(name, "(search_document)" in definition) for name, definition in gin] == [
            ("interaction_search_document", True)
        ]


def test_waiting_client_messages_are_the_same_read_in_sql_or_from_loaded_messages(workspace):
    """The dashboard asks the database which client messages still wait for the team (no team
    message after them, by time and then id); the project page reads the same from the messages
    it loaded. Ties in time are broken by id in both."""
    from accord.communications import problems

    now = timezone.now().replace(microsecond=0)
    hour = datetime.timedelta(hours=1)
    answered, waiting, quiet = (
        ProjectFactory(client=ClientFactory(workspace=workspace)) for _ in range(3)
    )
    _message(answered, "in", now - 5 * hour, "question")
    _message(answered, "out", now - 5 * hour, "answer in the same second")
    _message(waiting, "in", now - 9 * hour, "first question")
    _message(waiting, "out", now - 8 * hour, "answer")
    second = _message(waiting, "in", now - 3 * hour, "second question")
    third = _message(waiting, "in", now - 3 * hour, "third, same second")
    _message(quiet, "out", now - 2 * hour, "our news")
    since = now - datetime.timedelta(days=problems.RECENT_DAYS)

    last, in_sql = problems._queried([answered.pk, waiting.pk, quiet.pk], since)
    for project in (answered, waiting, quiet):
        setattr(
            project,
            problems.RECENT_ATTRIBUTE,
            list(Interaction.objects.filter(project=project).order_by("occurred_at", "id")),
        )
    loaded_last, loaded = problems._from_loaded([answered, waiting, quiet], since)

    assert {key: [item.pk for item in items] for key, items in in_sql.items()} == {
        waiting.pk: [second.pk, third.pk]
    }
    assert {key: [item.pk for item in items] for key, items in loaded.items()} == {
        waiting.pk: [second.pk, third.pk]
    }
    assert {key: item.pk for key, item in last.items()} == {
        key: item.pk for key, item in loaded_last.items()
    }
