import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from accord.health.services import health_recompute
from accord.health.tests.factories import add_client_overdue, add_negative_tone, healthy_project
from accord.projects.tests.factories import MilestoneFactory, ProjectFactory
from accord.reports import charts

SVG = "{http://www.w3.org/2000/svg}"
TITLES = {
    "health": {
        "en": "Health over time",
        "ru": "Здоровье проекта во времени",
        "pl": "Kondycja w czasie",
    },
    "tone": {
        "en": "Tone of client messages",
        "ru": "Тон сообщений клиента",
        "pl": "Ton wiadomości klienta",
    },
    "milestones": {
        "en": "Milestones: planned, forecast and done",
        "ru": "Этапы: план, прогноз и факт",
        "pl": "Etapy: plan, prognoza i wykonanie",
    },
    "commitments": {
        "en": "Commitments of both sides done on time",
        "ru": "Обязательства сторон, выполненные в срок",
        "pl": "Zobowiązania obu stron wykonane w terminie",
    },
}


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def _texts(root: ET.Element) -> str:
    return " ".join(text for node in root.iter(f"{SVG}text") for text in node.itertext())


def _series(root: ET.Element) -> set[str]:
    names = set()
    for node in root.iter():
        identifier = node.get("id", "")
        if identifier.startswith("series-"):
            parts = identifier.split("-")
            names.add(parts[1])
    return names


def test_health_chart_is_valid_svg_with_its_series():
    points = [(datetime.date(2026, 3, day), 100 - day) for day in range(1, 11)]

    root = _parse(charts.health_chart(points, language="en"))

    assert _series(root) == {"health"}
    assert "Health over time" in _texts(root) and "Health score" in _texts(root)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "pl"])
@pytest.mark.parametrize("name", sorted(TITLES))
def test_project_charts_have_translated_titles(member, name, language):
    project = healthy_project(client__workspace=member.workspace)
    add_negative_tone(project, dose=2)
    add_client_overdue(project)
    MilestoneFactory(
        project=project,
        planned_date=timezone.localdate() - datetime.timedelta(days=10),
        forecast_date=timezone.localdate() + datetime.timedelta(days=5),
    )
    MilestoneFactory(
        project=project,
        planned_date=timezone.localdate() - datetime.timedelta(days=30),
        done_date=timezone.localdate() - datetime.timedelta(days=28),
    )
    health_recompute(project_ids=[project.pk])

    root = _parse(charts.project_chart(project, name, language=language))

    assert TITLES[name][language] in _texts(root)
    expected = {
        "health": {"health"},
        "tone": {"negative", "neutral", "positive"},
        "milestones": {"planned", "forecast", "done"},
        "commitments": {"on_time", "late", "overdue", "open"},
    }[name]
    assert _series(root) >= expected


def test_tone_chart_stacks_the_three_tones():
    weeks = [
        (datetime.date(2026, 3, 2), {"negative": 2, "neutral": 1}),
        (datetime.date(2026, 3, 9), {"positive": 3}),
    ]

    root = _parse(charts.tone_chart(weeks, language="pl"))

    assert {"negative", "neutral", "positive"} <= _series(root)
    assert "Negatywny" in _texts(root)


def test_empty_data_still_gives_a_valid_chart():
    for svg in (
        charts.health_chart([], language="ru"),
        charts.tone_chart([], language="ru"),
        charts.milestones_chart([], language="ru", today=datetime.date(2026, 3, 1)),
        charts.commitments_chart({}, language="ru"),
    ):
        _parse(svg)


def test_same_inputs_give_the_same_svg_from_the_cache():
    points = [(datetime.date(2026, 3, 1), 80), (datetime.date(2026, 3, 2), 70)]

    assert charts.health_chart(points, language="en") == charts.health_chart(points, language="en")
    assert charts.health_chart(points, language="en") != charts.health_chart(points, language="ru")


@pytest.mark.django_db
def test_chart_endpoints_answer_svg_in_the_members_language(member_client, member):
    member.language = "ru"
    member.save()
    project = healthy_project(client__workspace=member.workspace)
    health_recompute(project_ids=[project.pk])

    response = member_client.get(f"/reports/charts/project/{project.pk}/milestones.svg")
    dashboard = member_client.get("/reports/charts/workspace/health.svg")

    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    assert TITLES["milestones"]["ru"] in _texts(_parse(response.content.decode()))
    assert TITLES["health"]["ru"] in _texts(_parse(dashboard.content.decode()))
    assert member_client.get(f"/reports/charts/project/{project.pk}/nope.svg").status_code == 404


@pytest.mark.django_db
def test_charts_of_another_workspace_are_hidden(member_client):
    foreign = ProjectFactory()

    assert member_client.get(f"/reports/charts/project/{foreign.pk}/health.svg").status_code == 404
