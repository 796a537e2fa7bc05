import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from accord.clients.tests.factories import ContactFactory
from accord.feedback import services
from accord.feedback.models import Survey, SurveyResponse
from accord.projects.services import milestone_update
from accord.projects.tests.factories import MilestoneFactory, ProjectFactory
from accord.situations.models import Case

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/feedback/answer/([\w-]+)/")


def _token_from(body: str) -> str:
    match = LINK.search(body)
    assert match, body
    return match.group(1)


@pytest.fixture
def project(member):
    project = ProjectFactory(client__workspace=member.workspace, client__language="pl")
    ContactFactory(client=project.client, language="ru", role="decision_maker", name="Анна")
    ContactFactory(client=project.client, language="en", name="Someone else")
    return project


def test_accepting_a_milestone_sends_a_survey_in_the_contacts_language(
    project, django_capture_on_commit_callbacks
):
    milestone = MilestoneFactory(project=project, name="Прототип")

    with django_capture_on_commit_callbacks(execute=True):
        milestone_update(milestone=milestone, actor=None, done_date=timezone.localdate())

    survey = Survey.objects.get(milestone=milestone)
    assert survey.contact.name == "Анна" and survey.language == "ru"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Прототип" in message.subject and "Здравствуйте, Анна" in message.body
    token = _token_from(message.body)
    # Only the hash is stored; the token is long enough not to be guessed.
    assert len(token) >= 40 and token not in survey.token_hash
    assert survey.token_hash == services.token_hash(token)


def test_the_same_milestone_is_asked_about_once(project, django_capture_on_commit_callbacks):
    milestone = MilestoneFactory(project=project)
    milestone_update(milestone=milestone, actor=None, done_date=timezone.localdate())

    services.survey_after_milestone(milestone_id=milestone.pk)
    services.survey_after_milestone(milestone_id=milestone.pk)

    assert Survey.objects.filter(milestone=milestone).count() == 1


def test_resolving_a_case_sends_a_survey(project, django_capture_on_commit_callbacks):
    from accord.situations.services import case_open, case_update

    case, _created = case_open(project=project, situation="deadline_risk", actor=None)

    with django_capture_on_commit_callbacks(execute=True):
        case_update(case=case, actor=None, status="resolved", resolution_summary="New plan agreed")

    survey = Survey.objects.get(case=case)
    assert survey.trigger == "case" and len(mail.outbox) == 1


def test_the_link_works_once(client, project):
    survey = services.survey_send(project=project, trigger="manual")
    url = f"/feedback/answer/{survey.token}/"

    page = client.get(url)
    assert page.status_code == 200
    assert '<html lang="ru"' in page.content.decode()
    assert 'name="viewport"' in page.content.decode()
    assert "Ваш отзыв" in page.content.decode()
    from accord.core.formatting import format_date, workspace_time_zone

    with workspace_time_zone(project.workspace):
        expires = format_date(timezone.localtime(survey.expires_at).date(), "ru", style="long")
    assert f"до {expires}" in page.content.decode()

    answered = client.post(
        url, {"score": "4", "quality": "5", "timeliness": "3", "comment": "Хорошо, но медленно"}
    )
    assert answered.status_code == 200
    response = SurveyResponse.objects.get(survey=survey)
    assert (response.score, response.quality, response.timeliness, response.price) == (
        4,
        5,
        3,
        None,
    )
    assert response.comment == "Хорошо, но медленно"

    again = client.post(url, {"score": "1"})
    assert again.status_code == 410
    assert SurveyResponse.objects.get(survey=survey).score == 4


def test_an_expired_link_is_refused(client, project):
    survey = services.survey_send(project=project, trigger="manual")
    Survey.objects.filter(pk=survey.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert client.get(f"/feedback/answer/{survey.token}/").status_code == 410
    assert client.post(f"/feedback/answer/{survey.token}/", {"score": "5"}).status_code == 410
    assert not SurveyResponse.objects.exists()


def test_link_validity_comes_from_the_environment(project, monkeypatch):
    monkeypatch.setenv("ACCORD_SURVEY_LINK_DAYS", "3")

    survey = services.survey_send(project=project, trigger="manual")

    delta = survey.expires_at - timezone.now()
    assert datetime.timedelta(days=2, hours=23) < delta <= datetime.timedelta(days=3)


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/feedback/answer/not-a-real-token/").status_code == 404


def test_an_invalid_answer_shows_the_error_and_stores_nothing(client, project):
    survey = services.survey_send(project=project, trigger="manual")

    page = client.post(f"/feedback/answer/{survey.token}/", {"score": "9", "comment": "x"})

    assert page.status_code == 400
    assert not SurveyResponse.objects.exists()
    assert Survey.objects.get(pk=survey.pk).answered_at is None


def test_a_low_score_opens_a_quality_case(project):
    survey = services.survey_send(project=project, trigger="manual")

    response = services.survey_answer(token=survey.token, score=1, comment="Nothing works")

    case = Case.objects.get(project=project)
    assert case.situation == "quality_complaint" and case.severity == "high"
    assert case.opened_automatically and response.opened_case == case


def test_a_good_score_opens_no_case(project):
    survey = services.survey_send(project=project, trigger="manual")

    services.survey_answer(token=survey.token, score=5)

    assert not Case.objects.exists()


def test_improvement_page_aggregates_quotes_and_names_what_drives_low_scores(
    member_client, member, project
):
    other = ProjectFactory(client__workspace=member.workspace, name="Calm project")
    ContactFactory(client=other.client)
    from accord.situations.services import case_open

    case_open(project=project, situation="deadline_risk", actor=None)
    low = services.survey_send(project=project, trigger="manual")
    services.survey_answer(
        token=low.token, score=2, comment="Always late", aspects={"timeliness": 1, "quality": 4}
    )
    high = services.survey_send(project=other, trigger="manual")
    services.survey_answer(token=high.token, score=5, aspects={"timeliness": 5, "quality": 5})

    page = member_client.get("/feedback/").content.decode()

    assert "Always late" in page
    assert "Deadline missed or at risk" in page
    assert project.name in page and "Calm project" in page
    assert 'data-aspect="timeliness" class="weakest"' in page
    assert "3.0" in page  # the timeliness average


def test_surveys_of_another_workspace_are_hidden(member_client):
    foreign = ProjectFactory()
    ContactFactory(client=foreign.client)
    survey = services.survey_send(project=foreign, trigger="manual")

    assert member_client.get(f"/feedback/surveys/{survey.pk}/").status_code == 404
