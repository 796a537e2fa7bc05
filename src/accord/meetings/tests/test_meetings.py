import datetime

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from accord.agreements.models import Agreement, Commitment
from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.models import Interaction
from accord.core.errors import DomainError
from accord.core.formatting import workspace_zone
from accord.core.models import Event
from accord.meetings import services
from accord.meetings.models import Meeting, MinutesReminder
from accord.projects.tests.factories import ContractFactory, ProjectFactory
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def moment(n: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(days(n), datetime.time(hour)))


@pytest.fixture
def project(member):
    client = ClientFactory(workspace=member.workspace, language="pl")
    project = ProjectFactory(client=client, start_date=days(-200), max_client_attendees=2)
    ContractFactory(project=project, meeting_cadence="weekly")
    return project


@pytest.fixture
def meeting(project, member):
    """A weekly meeting that started an hour ago, minutes not yet recorded."""
    return services.meeting_create(
        project=project, actor=member.user, title="Weekly", starts_at=moment(-1)
    )


@pytest.fixture
def people(project):
    return {
        "boss": ContactFactory(
            client=project.client, name="Jan Prezes", role="decision_maker", language="pl"
        ),
        "pm": ContactFactory(
            client=project.client, name="Ewa Nowak", role="manager", language="pl"
        ),
        "dev": ContactFactory(
            client=project.client, name="John Dev", role="specialist", language="en"
        ),
        "ops": ContactFactory(
            client=project.client, name="Ольга Ops", role="specialist", language="ru"
        ),
    }


def test_agenda_starts_with_decisions_since_last_meeting_then_commitments_overdue_first(
    project, member
):
    previous = Meeting.objects.create(
        workspace=project.workspace,
        project=project,
        title="Weekly",
        starts_at=moment(-7),
        status="held",
    )
    AgreementFactory(project=project, title="Old decision", decided_on=days(-20))
    AgreementFactory(
        project=project, title="Decided at last meeting", decided_on=days(-7), source="meeting"
    )
    AgreementFactory(project=project, title="Decided by e-mail since", decided_on=days(-3))
    CommitmentFactory(project=project, title="Upcoming ours", side="ours", due_date=days(5))
    CommitmentFactory(project=project, title="Overdue client", side="client", due_date=days(-2))
    CommitmentFactory(
        project=project, title="Done one", side="ours", due_date=days(-9), status="done"
    )

    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Weekly",
        starts_at=moment(1),
        topics=["Pilot scope"],
    )

    items = [(item.section, item.text) for item in meeting.agenda_items.order_by("position")]
    assert [section for section, _ in items] == [
        "decisions",
        "decisions",
        "commitments",
        "commitments",
        "topics",
    ]
    assert items[0][1].startswith("Decided at last meeting") and items[1][1].startswith(
        "Decided by e-mail since"
    )
    assert "Overdue client" in items[2][1] and "overdue" in items[2][1]
    assert "Upcoming ours" in items[3][1]
    assert items[4] == ("topics", "Pilot scope")
    assert previous.pk != meeting.pk and not any("Old decision" in text for _, text in items)


def test_checks_warn_about_missing_decision_maker_and_crowd(project, member, people):
    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Design review",
        starts_at=moment(2),
        contacts=[people["pm"], people["dev"], people["ops"]],
    )

    checks = {check.key: check.text for check in services.meeting_checks(meeting)}

    assert "Jan Prezes" in checks["no_decision_maker"]
    assert "3 client attendees" in checks["too_many"] and "limit is 2" in checks["too_many"]
    assert "agenda_not_sent" in checks


def test_checks_clear_when_decision_maker_invited_and_agenda_sent(
    project, member, people, django_capture_on_commit_callbacks
):
    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Steering",
        starts_at=moment(2),
        contacts=[people["boss"], people["pm"]],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite_send(meeting=meeting, actor=member.user)

    meeting.refresh_from_db()
    assert services.meeting_checks(meeting) == []
    assert mail.outbox and Interaction.objects.filter(direction="out", project=project).count() == 1


def test_invite_ics_parses_and_carries_the_agenda(
    project, member, people, django_capture_on_commit_callbacks
):
    AgreementFactory(project=project, title="Use Przelewy24", decided_on=days(-1))
    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Weekly",
        starts_at=moment(3),
        contacts=[people["boss"]],
        location="https://meet.example/abc",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite_send(meeting=meeting, actor=member.user)

    filename, content, mimetype = mail.outbox[0].attachments[0]
    event = next(
        component for component in Calendar.from_ical(content).walk() if component.name == "VEVENT"
    )
    assert (filename, mimetype) == ("invite.ics", "text/calendar")
    assert str(event["summary"]) == "Weekly"
    assert "Use Przelewy24" in str(event["description"])
    assert event.decoded("dtstart") == meeting.starts_at
    assert (
        "Agenda" in mail.outbox[0].body
        or "Agenda" in mail.outbox[0].subject
        or "Zaproszenie" in mail.outbox[0].subject
    )


def test_minutes_create_linked_agreements_and_commitments(project, member, people):
    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Weekly",
        starts_at=moment(-1),
        contacts=[people["boss"]],
    )

    services.minutes_record(
        meeting=meeting,
        actor=member.user,
        discussed="Pilot\nBudget",
        decisions=[services.DecisionInput("Pilot in two shops", people["boss"])],
        actions=[
            services.ActionInput(
                "Send product photos", "client", days(5), owner_contact=people["pm"]
            ),
            services.ActionInput("Build the catalogue", "ours", days(9), owner_member=member),
        ],
    )

    decision = Agreement.objects.get()
    assert (decision.status, decision.source_record, decision.accepted_by) == (
        "proposed",
        meeting,
        people["boss"],
    )
    commitments = Commitment.objects.order_by("due_date")
    assert [(c.title, c.side, c.origin) for c in commitments] == [
        ("Send product photos", "client", meeting),
        ("Build the catalogue", "ours", meeting),
    ]
    meeting.refresh_from_db()
    assert meeting.status == "held"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("pl", ["Co ustaliliśmy", "Kto co robi"]),
        ("ru", ["Что решили", "Кто что делает"]),
        ("en", ["What we decided", "Who does what"]),
    ],
)
def test_minutes_email_in_each_language_lists_every_decision_and_action(
    project, member, people, language, words, django_capture_on_commit_callbacks
):
    contact = {"pl": people["pm"], "ru": people["ops"], "en": people["dev"]}[language]
    meeting = services.meeting_create(
        project=project, actor=member.user, title="Weekly", starts_at=moment(-1), contacts=[contact]
    )
    services.minutes_record(
        meeting=meeting,
        actor=member.user,
        discussed="Catalogue",
        decisions=[services.DecisionInput("Decision A"), services.DecisionInput("Decision B")],
        actions=[
            services.ActionInput("Action X", "client", days(4), owner_contact=contact),
            services.ActionInput("Action Y", "ours", days(6), owner_member=member),
        ],
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send(meeting=meeting, actor=member.user)

    body = mail.outbox[0].body
    assert all(word in body for word in words)
    assert all(
        item in body for item in ["Decision A", "Decision B", "Action X", "Action Y", contact.name]
    )
    meeting.refresh_from_db()
    assert meeting.objection_status == "open" and meeting.minutes_message_ids


def test_objection_window_accepts_on_silence_and_disputes_on_reply(
    project, member, people, django_capture_on_commit_callbacks
):
    meetings = []
    for title in ("Silent", "Disputed"):
        meeting = services.meeting_create(
            project=project,
            actor=member.user,
            title=title,
            starts_at=moment(-1),
            contacts=[people["pm"]],
        )
        services.minutes_record(
            meeting=meeting,
            actor=member.user,
            discussed="x",
            decisions=[services.DecisionInput(f"{title} decision")],
            actions=[],
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.minutes_send(meeting=meeting, actor=member.user)
        meeting.refresh_from_db()
        meetings.append(meeting)
    silent, disputed = meetings
    reply = Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Re: minutes",
        body_text="Point 1 is wrong",
        in_reply_to=disputed.minutes_message_ids[0],
        message_id="<reply@client.example>",
    )

    during = services.minutes_objections_process(today=timezone.localdate())
    after = services.minutes_objections_process(
        today=silent.objection_deadline + datetime.timedelta(days=1)
    )

    silent.refresh_from_db()
    disputed.refresh_from_db()
    assert during == {"accepted": 0, "disputed": 1} and after == {"accepted": 1, "disputed": 0}
    assert Agreement.objects.get(title="Silent decision").status == "accepted"
    assert Agreement.objects.get(title="Disputed decision").status == "disputed"
    assert disputed.disputed_by == reply and disputed.objection_status == "disputed"


def test_missing_minutes_reminder_fires_once_and_stops_after_sending(
    project, member, people, member_client, django_capture_on_commit_callbacks
):
    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Call",
        starts_at=moment(-3),
        contacts=[people["pm"]],
    )
    services.meeting_mark_held(meeting=meeting, actor=member.user)

    first = services.minutes_reminders_raise()
    second = services.minutes_reminders_raise()
    shown = "Minutes of “Call” not sent yet." in member_client.get("/").content.decode()
    services.minutes_record(
        meeting=meeting, actor=member.user, discussed="Status", decisions=[], actions=[]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send(meeting=meeting, actor=member.user)

    assert (len(first), len(second), shown) == (1, 0, True)
    assert MinutesReminder.objects.get().resolved_at is not None
    assert services.minutes_reminders_raise() == []
    assert "not sent yet" not in member_client.get("/").content.decode()


def test_recent_meeting_gets_no_reminder_yet(project, member):
    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Call",
        starts_at=timezone.now() - datetime.timedelta(hours=2),
    )
    services.meeting_mark_held(meeting=meeting, actor=member.user)

    assert services.minutes_reminders_raise() == []


def test_kickoff_stores_rules_and_clears_setup_checklist(member_client, project, member, people):
    project.contract.meeting_cadence = ""
    project.contract.save()
    meeting = services.meeting_create(
        project=project, actor=member.user, title="Kickoff", kind="kickoff", starts_at=moment(-1)
    )
    assert meeting.agenda_items.filter(section="kickoff").count() == 4
    before = member_client.get(f"/projects/{project.pk}/").content.decode()

    response = member_client.post(
        f"/meetings/{meeting.pk}/kickoff/",
        {
            "meeting_cadence": "biweekly",
            "documentation_list": "Specification\nMinutes",
            "escalation_path": "PMs, then directors, then a mediator",
            "our_first_task": "Mock-ups",
            "our_first_due": str(days(10)),
            "client_first_task": "Brand book",
            "client_first_due": str(days(5)),
        },
    )

    project.contract.refresh_from_db()
    after = member_client.get(f"/projects/{project.pk}/").content.decode()
    assert response.status_code == 302 and project.contract.meeting_cadence == "biweekly"
    assert "Setup incomplete" in before and "Setup incomplete" not in after


def test_cadence_proposes_next_meetings_and_flags_overdue(project, member, member_client):
    Meeting.objects.create(
        workspace=project.workspace,
        project=project,
        title="Weekly",
        starts_at=moment(-20),
        status="held",
    )

    proposals = services.cadence_proposals(project=project)
    page = member_client.get("/").content.decode()

    assert len(proposals) == 3 and all(
        later - earlier == datetime.timedelta(days=7)
        for earlier, later in zip(proposals, proposals[1:], strict=False)
    )
    assert "regular meeting is overdue" in page


def rows(prefix: str, *rows: dict) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_minutes_rows_create_agreements_and_commitments(
    member_client, project, member, people, meeting
):

    response = member_client.post(
        f"/meetings/{meeting.pk}/",
        {
            "minutes-discussed": "Catalogue",
            **rows("decision", {"title": "Pilot in two shops", "accepted_by": people["boss"].pk}),
            **rows(
                "action",
                {
                    "title": "Send photos",
                    "side": "client",
                    "owner": f"contact:{people['pm'].pk}",
                    "due_date": str(days(5)),
                },
                {"title": "", "side": "ours", "owner": "", "due_date": ""},
            ),
        },
    )

    meeting.refresh_from_db()
    assert response.status_code == 302 and meeting.status == "held"
    assert Agreement.objects.get().accepted_by == people["boss"]
    commitment = Commitment.objects.get()
    assert (commitment.title, commitment.side, commitment.owner_contact, commitment.due_date) == (
        "Send photos",
        "client",
        people["pm"],
        days(5),
    )


def test_minutes_row_errors_stay_next_to_the_field_and_nothing_is_saved(
    member_client, project, member, people, meeting
):

    response = member_client.post(
        f"/meetings/{meeting.pk}/",
        {
            "minutes-discussed": "x",
            **rows("decision"),
            **rows(
                "action",
                {
                    "title": "Mock-ups",
                    "side": "client",
                    "owner": f"member:{member.pk}",
                    "due_date": "",
                },
            ),
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "A commitment needs a due date." in page
    assert "A client-side commitment is owned by a client person." in page
    assert Commitment.objects.count() == 0 and Agreement.objects.count() == 0


def test_similar_commitment_is_suggested_then_merged(
    member_client, project, member, people, meeting
):
    existing = CommitmentFactory(
        project=project, title="Send the product photos", side="client", due_date=days(3)
    )
    action = {"title": "Send product photos", "side": "client", "due_date": str(days(5))}

    first = member_client.post(
        f"/meetings/{meeting.pk}/",
        {"minutes-discussed": "Photos", **rows("decision"), **rows("action", action)},
    )
    merged = member_client.post(
        f"/meetings/{meeting.pk}/",
        {
            "minutes-discussed": "Photos",
            **rows("decision"),
            **rows("action", {**action, "merge_into": str(existing.pk)}),
        },
    )

    assert first.status_code == 200
    assert "Merge into “Send the product photos”" in first.content.decode()
    assert merged.status_code == 302
    assert list(Commitment.objects.values_list("title", flat=True)) == ["Send the product photos"]


def test_a_merge_moves_the_existing_commitment_and_lists_it_in_these_minutes(
    project, member, people, django_capture_on_commit_callbacks
):
    existing = CommitmentFactory(
        project=project,
        title="Send the product photos",
        side="client",
        due_date=days(3),
        owner_contact=people["boss"],
    )
    earlier = services.meeting_create(
        project=project, actor=member.user, title="Kick-off", starts_at=moment(-8)
    )
    meeting = services.meeting_create(
        project=project,
        actor=member.user,
        title="Weekly",
        starts_at=moment(-1),
        contacts=[people["dev"]],
    )

    services.minutes_record(
        meeting=meeting,
        actor=member.user,
        discussed="Photos",
        decisions=[],
        actions=[
            services.ActionInput(
                "Send product photos",
                "client",
                days(9),
                owner_contact=people["pm"],
                merge_into=existing,
            )
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send(meeting=meeting, actor=member.user)

    existing.refresh_from_db()
    assert Commitment.objects.count() == 1
    assert (existing.due_date, existing.owner_contact, existing.status) == (
        days(9),
        people["pm"],
        "open",
    )
    edit = Event.objects.get(verb="commitment.updated", target_id=existing.pk)
    assert (edit.before["due_date"], edit.after["due_date"]) == (
        str(days(3)),
        str(days(9)),
    )
    assert (edit.before["owner_contact_id"], edit.after["owner_contact_id"]) == (
        people["boss"].pk,
        people["pm"].pk,
    )
    assert list(services.meeting_actions(meeting)) == [existing]
    assert list(services.meeting_actions(earlier)) == []
    body = mail.outbox[0].body
    assert "Send the product photos — Ewa Nowak" in body


def test_a_merge_with_the_same_date_and_no_owner_leaves_the_commitment_as_it_was(
    project, member, meeting
):
    existing = CommitmentFactory(
        project=project, title="Send the product photos", side="ours", due_date=days(3)
    )

    services.minutes_record(
        meeting=meeting,
        actor=member.user,
        discussed="Photos",
        decisions=[],
        actions=[services.ActionInput("Send photos", "ours", days(3), merge_into=existing)],
    )

    existing.refresh_from_db()
    assert (existing.due_date, existing.owner_member, existing.owner_contact) == (
        days(3),
        None,
        None,
    )
    assert not Event.objects.filter(verb="commitment.updated").exists()
    assert list(services.meeting_actions(meeting)) == [existing]


def test_a_merge_giving_an_owner_from_the_other_side_changes_nothing(
    project, member, people, meeting
):
    existing = CommitmentFactory(
        project=project, title="Send the product photos", side="client", due_date=days(3)
    )

    with pytest.raises(DomainError):
        services.minutes_record(
            meeting=meeting,
            actor=member.user,
            discussed="Photos",
            decisions=[services.DecisionInput("Photos by Friday")],
            actions=[
                services.ActionInput(
                    "Send photos", "ours", days(5), owner_member=member, merge_into=existing
                )
            ],
        )

    existing.refresh_from_db()
    meeting.refresh_from_db()
    assert (existing.due_date, existing.owner_member) == (days(3), None)
    assert meeting.status == "planned" and Agreement.objects.count() == 0
    assert list(services.meeting_actions(meeting)) == []


def test_keeping_a_similar_row_as_new_creates_it(member_client, project, member, meeting):
    CommitmentFactory(project=project, title="Send the product photos", due_date=days(3))

    response = member_client.post(
        f"/meetings/{meeting.pk}/",
        {
            "minutes-discussed": "Photos",
            **rows("decision"),
            **rows(
                "action",
                {
                    "title": "Send product photos",
                    "side": "ours",
                    "due_date": str(days(5)),
                    "merge_into": "new",
                },
            ),
        },
    )

    assert response.status_code == 302 and Commitment.objects.count() == 2


def test_merge_into_another_projects_commitment_is_refused(project, member, meeting):
    other = CommitmentFactory(title="Send photos", due_date=days(3))

    with pytest.raises(DomainError):
        services.minutes_record(
            meeting=meeting,
            actor=member.user,
            discussed="x",
            decisions=[],
            actions=[services.ActionInput("Send photos", "ours", days(4), merge_into=other)],
        )

    meeting.refresh_from_db()
    assert meeting.status == "planned" and Commitment.objects.count() == 1


def test_future_meeting_offers_mark_as_held_and_decisions_take_that_day(
    member_client, project, member
):
    meeting = services.meeting_create(
        project=project, actor=member.user, title="Weekly", starts_at=moment(7)
    )

    before = member_client.get(f"/meetings/{meeting.pk}/").content.decode()
    held = member_client.post(f"/meetings/{meeting.pk}/held/")
    after = member_client.get(f"/meetings/{meeting.pk}/").content.decode()
    recorded = member_client.post(
        f"/meetings/{meeting.pk}/",
        {
            "minutes-discussed": "Early",
            **rows("decision", {"title": "Start the pilot"}),
            **rows("action"),
        },
    )

    meeting.refresh_from_db()
    assert "Mark as held now" in before and 'name="decision-0-title"' not in before
    assert held.status_code == 302 and 'name="decision-0-title"' in after
    assert recorded.status_code == 302
    # The day of the meeting in the workspace's zone (not the test process's UTC).
    assert Agreement.objects.get().decided_on == timezone.localdate(
        timezone=workspace_zone(project.workspace)
    )
    assert Event.objects.filter(verb="meeting.held", target_id=meeting.pk).count() == 1


def test_viewer_cannot_see_other_workspace_minutes_rows(member_client):
    other = MemberFactory()
    project = ProjectFactory(client__workspace=other.workspace)
    meeting = Meeting.objects.create(
        workspace=other.workspace, project=project, title="Secret", starts_at=moment(-1)
    )

    response = member_client.post(
        f"/meetings/{meeting.pk}/",
        {"minutes-discussed": "x", **rows("decision", {"title": "Leak"}), **rows("action")},
    )

    assert response.status_code == 404 and Agreement.objects.count() == 0


def test_other_workspace_meeting_is_404(member_client):
    other = MemberFactory()
    project = ProjectFactory(client__workspace=other.workspace)
    meeting = Meeting.objects.create(
        workspace=other.workspace, project=project, title="Secret", starts_at=moment(1)
    )

    assert member_client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert member_client.post(f"/meetings/{meeting.pk}/held/").status_code == 404
    assert member_client.get(f"/api/v1/meetings/{meeting.pk}").status_code == 404
    assert "Secret" not in member_client.get("/meetings/").content.decode()
