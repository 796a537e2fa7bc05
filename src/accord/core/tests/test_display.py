"""Pages show human names in the member's language, never the ids the domain speaks in."""

import pytest
from django.utils import timezone, translation

from accord.communications.models import Interaction
from accord.core.display import human, severity_rank
from accord.projects.tests.factories import ProjectFactory
from accord.situations import services
from accord.situations.catalogue import SITUATION_IDS
from accord.triage.models import TriageResult


@pytest.mark.parametrize(
    ("language", "value", "kind", "expected"),
    [
        ("en", "deadline_risk", "situation", "Deadline missed or at risk"),
        ("ru", "negative", "tone", "Негативный"),
        ("pl", "negative", "tone", "Negatywny"),
        ("en", "negative", "tone", "Negative"),
        ("ru", "not_covered", "verdict", "Не покрывается договором"),
        ("pl", "payment_issue", "playbook", "Brak płatności"),
        ("en", "critical", "severity", "Critical"),
        ("ru", "high", "urgency", "Срочно"),
        ("en", 0.62, "score", "Close match · 62 %"),
        ("pl", 0.25, "score", "Częściowe dopasowanie · 25 %"),
        ("en", 0.05, "score", "Weak match · 5 %"),
        ("en", "", "tone", "—"),
        ("en", "something_new", "label", "Something new"),
    ],
)
def test_human_names_in_three_languages(language, value, kind, expected):
    with translation.override(language):
        assert human(value, kind) == expected


def test_every_situation_has_a_translated_name_different_from_its_id():
    for language in ("en", "ru", "pl"):
        with translation.override(language):
            names = [human(situation, "situation") for situation in SITUATION_IDS]
        assert len(set(names)) == len(SITUATION_IDS)
        assert not set(names) & set(SITUATION_IDS)


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown display kind"):
        human("x", "colour")


def test_severity_rank_puts_critical_first():
    assert sorted(["low", "warn", "critical", "medium", "bad", "?"], key=severity_rank) == [
        "critical",
        "bad",
        "warn",
        "medium",
        "low",
        "?",
    ]


@pytest.mark.django_db
def test_message_and_case_pages_show_names_not_ids(member_client, member):
    member.language = "ru"
    member.save()
    project = ProjectFactory(client__workspace=member.workspace)
    interaction = Interaction.objects.create(
        workspace=member.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Где оплата?",
        body_text="Срок сорван, мы недовольны.",
    )
    TriageResult.objects.create(
        workspace=member.workspace,
        interaction=interaction,
        labels=["deadline_risk", "escalation_threat"],
        tone="negative",
        urgency="high",
        lang="ru",
        evidence=[{"label": "deadline_risk", "text": "Срок сорван"}],
        model_version="test",
    )
    case, _ = services.case_open(
        project=project, situation="deadline_risk", actor=member.user, interaction=interaction
    )

    message_page = member_client.get(f"/communications/messages/{interaction.pk}/").content.decode()
    case_page = member_client.get(f"/cases/{case.pk}/").content.decode()
    cases_page = member_client.get("/cases/").content.decode()

    with translation.override("ru"):
        title = human("deadline_risk", "situation")
    assert "Негативный" in message_page
    assert title in message_page
    for page in (message_page, case_page, cases_page):
        assert ">deadline_risk<" not in page
        assert "> deadline_risk" not in page
    assert f"<h1>{title}" in case_page
    assert title in cases_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 decision disputed by the client."),
        ("en", 2, "2 decisions disputed by the client."),
        ("ru", 2, "Клиент оспаривает 2 решения."),
        ("ru", 5, "Клиент оспаривает 5 решений."),
        ("pl", 1, "Klient kwestionuje 1 decyzję."),
        ("pl", 5, "Klient kwestionuje 5 decyzji."),
    ],
)
def test_counts_use_the_plural_forms_of_each_language(
    member_client, member, language, count, expected
):
    from accord.agreements.tests.factories import AgreementFactory

    member.language = language
    member.save()
    project = ProjectFactory(client__workspace=member.workspace)
    for _ in range(count):
        AgreementFactory(project=project, status="disputed")

    page = member_client.get("/").content.decode()

    assert expected in page
    assert "(s)" not in page


@pytest.mark.parametrize("language", ["en", "ru", "pl"])
def test_choice_names_are_the_fields_display_values_in_each_language(language):
    from accord.core.display import choice_name
    from accord.projects.models import Project

    translation.activate(language)
    for channel in [*Interaction.Channel.values, "not_a_channel"]:
        message = Interaction(channel=channel)
        assert choice_name(message, "channel") == message.get_channel_display()
    for status in Project.Status.values:
        project = Project(status=status)
        assert choice_name(project, "status") == project.get_status_display()


def test_triage_block_shows_labels_evidence_and_the_correction_form_with_its_ticks(member):
    from django.template import engines
    from django.test import RequestFactory

    project = ProjectFactory(workspace=member.workspace)
    message = Interaction.objects.create(
        workspace=member.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Late again",
    )
    TriageResult.objects.create(
        workspace=member.workspace,
        interaction=message,
        labels=["deadline_risk"],
        tone="negative",
        urgency="high",
        evidence=[{"label": "deadline_risk", "text": "<b>late</b>"}],
    )
    message = Interaction.objects.select_related("triage").get(pk=message.pk)
    translation.activate("pl")
    html = (
        engines["django"]
        .get_template("triage/_interaction_triage.html")
        .render({"interaction": message}, RequestFactory().get("/"))
    )

    assert f'<div class="triage" id="triage-{message.pk}">' in html
    assert f'<span class="badge bad">{human("deadline_risk", "label")}</span>' in html
    assert f'<span class="badge warn">{human("negative", "tone")}</span>' in html
    assert "“&lt;b&gt;late&lt;/b&gt;”" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert html.count('type="checkbox" name="labels"') == len(SITUATION_IDS)
    assert html.count(" checked>") == 1
    assert 'value="deadline_risk" checked>' in html


def test_problem_list_marks_severity_links_and_escapes_the_text():
    from django.template import engines

    from accord.core.hooks import Problem

    template = engines["django"].get_template("core/_problems.html")
    problems = [
        Problem("case_x", "Open case: <late>", "bad", "/cases/1/"),
        Problem("silent", "Client silent", "warn"),
    ]
    translation.activate("ru")

    html = template.render({"problems": problems})
    empty = template.render({"problems": []})

    assert html.strip() == (
        '<ul class="problems"><li><span class="badge bad">!</span> '
        '<a href="/cases/1/">Open case: &lt;late&gt;</a></li>'
        '<li><span class="badge warn">?</span> Client silent</li></ul>'
    )
    assert (
        empty.strip() == f'<span class="badge ok">{translation.gettext("No open problems")}</span>'
    )
    assert translation.gettext("No open problems") != "No open problems"
