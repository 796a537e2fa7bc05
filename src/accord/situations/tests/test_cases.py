import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accord.agreements.tests.factories import CommitmentFactory
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.communications.models import Interaction
from accord.projects.tests.factories import (
    ContractFactory,
    MilestoneFactory,
    ProjectFactory,
    ScopeItemFactory,
)
from accord.situations import services
from accord.situations.catalogue import SITUATION_IDS, UPSET
from accord.situations.checker import three_part_check
from accord.situations.drafting import case_draft_render
from accord.situations.models import Case
from accord.situations.playbooks import LANGUAGES, PlaybookError, builtin_playbooks, parse_playbook
from accord.workspaces.tests.factories import MemberFactory

APOLOGY = re.compile(r"(sorry|apologi|извин|прошу прощения|przeprasza|przepros)", re.IGNORECASE)


def test_each_of_the_ten_playbooks_loads_in_three_languages():
    playbooks = builtin_playbooks()

    assert sorted(playbooks) == sorted(SITUATION_IDS)
    for playbook in playbooks.values():
        for language in LANGUAGES:
            text = playbook.languages[language]
            assert (
                text.steps
                and text.questions
                and text.do
                and text.dont
                and "{name}" in text.reply.body
            )
    assert set(playbooks["quality_complaint"].languages["pl"].root_causes) == {
        "defects",
        "broken_functionality",
        "design_mismatch",
        "delay",
        "client_misuse",
        "other",
    }


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("situation: conflict\nkind: upset\nlanguages: [", "not valid YAML"),
        (
            "situation: conflict\nkind: upset\nlanguages:\n  en:\n    title: x\n",
            "field languages.en.steps",
        ),
        ("situation: nonsense\nkind: upset\nlanguages: {}\n", "unknown id"),
        ("situation: conflict\nkind: angry\nlanguages: {}\n", "field kind"),
    ],
)
def test_invalid_playbook_gives_a_clear_error_naming_file_and_field(source, message):
    with pytest.raises(PlaybookError) as error:
        parse_playbook(source, name="conflict.yaml")

    assert str(error.value).startswith("conflict.yaml:") and message in str(error.value)


@pytest.mark.django_db
def test_broken_playbook_file_stops_the_system_check(tmp_path, monkeypatch):
    import shutil

    from accord.situations import playbooks

    for path in playbooks.PLAYBOOK_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "no_feedback.yaml").write_text(
        "situation: no_feedback\nkind: clarify\nlanguages:\n  en: {}\n"
    )
    monkeypatch.setattr(playbooks, "PLAYBOOK_DIR", tmp_path)

    from django.core.management.base import SystemCheckError

    with pytest.raises(SystemCheckError, match="no_feedback.yaml: field languages"):
        call_command("check")
    playbooks.builtin_playbooks.cache_clear()


@pytest.fixture
def project(member):
    client = ClientFactory(workspace=member.workspace, language="ru")
    project = ProjectFactory(
        client=client, start_date=timezone.localdate() - datetime.timedelta(days=60)
    )
    ContractFactory(project=project, escalation_path="Руководители проектов, затем директора")
    ScopeItemFactory(contract=project.contract, title="Складской учёт")
    MilestoneFactory(
        project=project,
        name="Этап 2",
        planned_date=timezone.localdate() + datetime.timedelta(days=9),
    )
    return project


def _message(project, contact, text="Всё сломалось, это недопустимо!"):
    return Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Проблема с проводками",
        body_text=text,
        sender_contact=contact,
    )


@pytest.mark.django_db
def test_auto_opening_does_not_duplicate_cases(project):
    contact = ContactFactory(client=project.client, language="ru")
    first, second = _message(project, contact), _message(project, contact, "Опять то же самое")

    opened = services.cases_open_from_triage(
        interaction=first, labels=["quality_complaint"], tone="negative", urgency="high"
    )
    again = services.cases_open_from_triage(
        interaction=second,
        labels=["quality_complaint", "deadline_risk"],
        tone="negative",
        urgency="normal",
    )

    assert Case.objects.filter(situation="quality_complaint").count() == 1
    assert opened[0] == again[0] and set(again[0].interactions.all()) == {first, second}
    assert Case.objects.count() == 2 and opened[0].steps.count() == 5
    assert opened[0].severity == "high"


@pytest.mark.django_db
def test_a_resolved_case_lets_a_new_one_open(project, member):
    case, _ = services.case_open(project=project, situation="conflict", actor=member.user)
    services.case_update(
        case=case, actor=member.user, status="resolved", resolution_summary="Agreed a compromise"
    )

    again, created = services.case_open(project=project, situation="conflict", actor=member.user)

    assert created and again.pk != case.pk


@pytest.mark.django_db
def test_resolving_needs_a_summary(project, member):
    case, _ = services.case_open(project=project, situation="conflict", actor=member.user)

    with pytest.raises(services.DomainError):
        services.case_update(case=case, actor=member.user, status="resolved")
    case.refresh_from_db()
    assert case.status == "open"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "pl", "en"])
@pytest.mark.parametrize("situation", SITUATION_IDS)
def test_every_generated_email_passes_the_three_part_checker(project, member, situation, language):
    contact = ContactFactory(
        client=project.client,
        name="Анна Тест" if language == "ru" else "Anna Test",
        language=language,
    )
    case, _ = services.case_open(
        project=project,
        situation=situation,
        actor=member.user,
        interaction=_message(project, contact),
    )

    draft = case_draft_render(case=case, sender_name="Dana Demo", contact=contact)

    result = three_part_check(draft.body)
    assert result.ok, (situation, language, result.missing, draft.body)
    assert draft.language == language and contact.name in draft.body and "…" not in draft.body
    if situation == "out_of_scope_request":
        assert not APOLOGY.search(draft.body)
    if situation in UPSET:
        assert APOLOGY.search(draft.body)


@pytest.mark.django_db
def test_draft_carries_dates_and_names_from_records(project, member):
    contact = ContactFactory(client=project.client, name="Елена Кравец", language="ru")
    CommitmentFactory(
        project=project,
        side="ours",
        title="Исправить проводки",
        due_date=timezone.localdate() + datetime.timedelta(days=4),
    )
    case, _ = services.case_open(
        project=project,
        situation="quality_complaint",
        actor=member.user,
        interaction=_message(project, contact),
    )

    draft = case_draft_render(case=case, sender_name="Анна Соколова", contact=contact)

    expected = timezone.localdate() + datetime.timedelta(days=4)
    from accord.core.formatting import format_date

    date_text = format_date(expected, "ru")
    assert (
        "Елена Кравец" in draft.body
        and date_text in draft.body
        and "Исправить проводки" in draft.body
    )
    assert project.name in draft.body and "Анна Соколова" in draft.body


@pytest.mark.django_db
def test_out_of_scope_reply_cites_scope_and_offers_alternatives(project, member):
    contact = ContactFactory(client=project.client, language="en")
    case, _ = services.case_open(
        project=project,
        situation="out_of_scope_request",
        actor=member.user,
        interaction=_message(project, contact, "Add Ozon integration for free please"),
    )

    draft = case_draft_render(case=case, sender_name="Dana", contact=contact)

    assert (
        "Складской учёт" in draft.body
        and "change request" in draft.body
        and not APOLOGY.search(draft.body)
    )


@pytest.mark.django_db
def test_root_cause_shows_measures_in_the_draft(project, member):
    contact = ContactFactory(client=project.client, language="en")
    case, _ = services.case_open(
        project=project,
        situation="quality_complaint",
        actor=member.user,
        interaction=_message(project, contact),
    )
    services.case_update(case=case, actor=member.user, root_cause="design_mismatch")
    case.refresh_from_db()

    draft = case_draft_render(case=case, sender_name="Dana", contact=contact)

    assert "session with the designers" in draft.body


def test_checker_marks_missing_parts_of_a_hand_written_email():
    assert three_part_check("Hi,\n\nwe finished the report.").missing == [
        "context",
        "problem",
        "ask",
    ]
    assert three_part_check(
        "Regarding the invoice 12/2026 you sent on Monday.\n\nUnfortunately the amount is wrong.\n\nCould you correct it?"
    ).ok


@pytest.mark.django_db
def test_edit_and_send_records_outbound_and_threads(
    member_client, project, member, django_capture_on_commit_callbacks
):
    contact = ContactFactory(client=project.client, language="ru")
    message = _message(project, contact)
    message.message_id = "<client-1@x.example>"
    message.save()
    case, _ = services.case_open(
        project=project, situation="conflict", actor=member.user, interaction=message
    )
    draft = services.case_draft_create(case=case, actor=member.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"/cases/{case.pk}/drafts/{draft.pk}/",
            {
                f"draft{draft.pk}-subject": "Re: Проблема",
                f"draft{draft.pk}-body": draft.body + "\nP.S.",
                "send": "1",
            },
        )

    sent = Interaction.objects.get(direction="out")
    case.refresh_from_db()
    assert response.status_code == 302 and sent.in_reply_to == "<client-1@x.example>"
    assert sent.body_text.endswith("P.S.") and mail.outbox[0].to == [contact.primary_email]
    assert case.status == "waiting" and sent in case.interactions.all()


@pytest.mark.django_db
def test_channel_advice(project, member):
    case, _ = services.case_open(project=project, situation="escalation_threat", actor=member.user)
    quiet, _ = services.case_open(
        project=ProjectFactory(client=project.client),
        situation="unclear_requirements",
        actor=member.user,
        severity="low",
    )

    assert services.case_channel_advice(case).channel == "meeting"
    assert services.case_channel_advice(quiet).channel == "email"


@pytest.mark.django_db
def test_workspace_override_is_validated_and_used(member_client, project, member):
    from accord.situations.playbooks import PLAYBOOK_DIR

    broken = member_client.post(
        "/cases/playbooks/conflict/yaml/", {"source": "situation: conflict\nkind: upset\n"}
    )
    source = (
        (PLAYBOOK_DIR / "conflict.yaml")
        .read_text()
        .replace("Conflict, disagreement", "Our conflict playbook")
    )
    saved = member_client.post("/cases/playbooks/conflict/yaml/", {"source": source})
    case, _ = services.case_open(project=project, situation="conflict", actor=member.user)
    page = member_client.get(f"/cases/{case.pk}/").content.decode()

    assert broken.status_code == 400 and "Field languages" in broken.content.decode()
    assert saved.status_code == 302 and "Our conflict playbook" in page
    assert "Руководители проектов, затем директора" in page


@pytest.mark.django_db
def test_other_workspace_cases_are_404(member_client):
    other = MemberFactory()
    project = ProjectFactory(client__workspace=other.workspace)
    case, _ = services.case_open(project=project, situation="conflict", actor=other.user)

    assert member_client.get(f"/cases/{case.pk}/").status_code == 404
    assert member_client.post(f"/cases/{case.pk}/drafts/").status_code == 404
    assert member_client.get(f"/cases/open/?project={project.pk}").status_code == 404
    # The situation filter names every situation, so look for the case itself.
    assert f"/cases/{case.pk}/" not in member_client.get("/cases/?status=all").content.decode()


def test_case_list_shows_critical_cases_first(member_client, member):
    from accord.projects.tests.factories import ProjectFactory
    from accord.situations.models import Case

    project = ProjectFactory(client__workspace=member.workspace)
    opened = [
        Case.objects.create(
            workspace=member.workspace, project=project, situation=situation, severity=severity
        )
        for situation, severity in [
            ("conflict", "low"),
            ("quality_complaint", "critical"),
            ("escalation_threat", "medium"),
            ("deadline_risk", "high"),
        ]
    ]

    response = member_client.get("/cases/")

    assert [case.severity for case in response.context["cases"]] == [
        "critical",
        "high",
        "medium",
        "low",
    ]
    assert {case.pk for case in response.context["cases"]} == {case.pk for case in opened}


def test_playbook_steps_are_checkboxes_with_a_done_count(member_client, project, member):
    case, _ = services.case_open(project=project, situation="conflict", actor=member.user)
    steps = list(case.steps.order_by("position"))
    total = len(steps)

    before = member_client.get(f"/cases/{case.pk}/").content.decode()
    swapped = member_client.post(
        f"/cases/{case.pk}/steps/{steps[0].pk}/", {"done": "on"}, headers={"HX-Request": "true"}
    ).content.decode()

    assert total >= 2
    assert f"0 of {total} steps done" in before
    assert before.count('type="checkbox" name="done"') == total
    assert f"1 of {total} steps done" in swapped
    assert swapped.startswith('<div id="playbook">')
    assert swapped.count(" checked>") == 1
