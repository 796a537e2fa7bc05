import datetime

import pytest
from django.utils import timezone

from accord.agreements.models import Commitment
from accord.meetings import services
from accord.meetings.models import Meeting
from accord.projects.models import Project

from .conftest import login

pytestmark = pytest.mark.browser


def test_minutes_rows_by_keyboard_and_a_duplicate_suggestion(page, live_server, demo_workspace):
    project = Project.objects.order_by("id").first()
    Commitment.objects.create(
        workspace=project.workspace,
        project=project,
        title="Send the signed test protocol",
        side="client",
        due_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    meeting = Meeting.objects.create(
        workspace=project.workspace,
        project=project,
        title="Rows check",
        starts_at=timezone.now() - datetime.timedelta(hours=2),
    )
    before = Commitment.objects.filter(project=project).count()
    login(page, live_server)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")

    page.fill("#id_minutes-discussed", "Test results")
    page.fill("#id_action-0-title", "Prepare the release notes")
    page.select_option("#id_action-0-side", "ours")
    page.fill("#id_action-0-due_date", str(timezone.localdate() + datetime.timedelta(days=4)))
    page.press("#id_action-0-title", "Enter")
    page.locator("#id_action-1-title").wait_for()
    page.keyboard.type("Send signed test protocol")
    page.select_option("#id_action-1-side", "client")
    page.fill("#id_action-1-due_date", str(timezone.localdate() + datetime.timedelta(days=5)))
    page.press("#id_action-1-title", "Control+Enter")

    suggestion = page.locator(".duplicate-suggestion")
    suggestion.wait_for()
    assert "Send the signed test protocol" in suggestion.inner_text()
    suggestion.get_by_label("Keep as a new commitment").check()
    page.get_by_role("button", name="Save with these answers").click()
    page.get_by_text("Minutes recorded.").wait_for()

    titles = {commitment.title for commitment in services.meeting_actions(meeting)}
    assert titles == {"Prepare the release notes", "Send signed test protocol"}
    assert Commitment.objects.filter(project=project).count() == before + 2
    assert "Prepare the release notes" in page.locator("main").inner_text()
