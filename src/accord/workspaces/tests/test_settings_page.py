import pytest

from accord.workspaces.models import Holiday
from accord.workspaces.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_owner_changes_working_hours_and_adds_a_holiday(member_client, member):
    saved = member_client.post(
        "/workspace/settings/",
        {
            "ws-name": "Team",
            "ws-default_language": "pl",
            "ws-time_zone": "Europe/Warsaw",
            "ws-work_day_start": "08:00",
            "ws-work_day_end": "16:00",
            "ws-working_weekdays": "12345",
        },
    )
    holiday = member_client.post(
        "/workspace/settings/", {"holiday-date": "2026-12-24", "holiday-name": "Wigilia"}
    )

    member.workspace.refresh_from_db()
    assert (saved.status_code, holiday.status_code) == (302, 302)
    assert member.workspace.work_day_start.hour == 8
    assert Holiday.objects.get(workspace=member.workspace).name == "Wigilia"


def test_bad_working_days_are_refused(member_client, member):
    response = member_client.post(
        "/workspace/settings/",
        {
            "ws-name": "Team",
            "ws-default_language": "pl",
            "ws-time_zone": "Mars/Olympus",
            "ws-work_day_start": "18:00",
            "ws-work_day_end": "08:00",
            "ws-working_weekdays": "19",
        },
    )

    assert response.status_code == 400
    member.workspace.refresh_from_db()
    assert member.workspace.time_zone == "Europe/Warsaw"


def test_plain_member_cannot_change_settings(client):
    plain = MemberFactory(role="member")
    client.force_login(plain.user)

    response = client.post("/workspace/settings/", {"holiday-date": "2026-12-24"})

    assert response.status_code == 403
    assert not Holiday.objects.exists()


def test_owner_adds_a_member_and_duplicates_are_refused(member_client, member):
    data = {
        "member-username": "piotr",
        "member-password": "s3cret-pass-1",
        "member-role": "manager",
        "member-language": "pl",
        "member-email": "piotr@team.example",
    }

    added = member_client.post("/workspace/settings/", data)
    again = member_client.post("/workspace/settings/", data)

    assert added.status_code == 302 and again.status_code == 400
    new = member.workspace.members.get(user__username="piotr")
    assert (new.role, new.language) == ("manager", "pl") and new.user.check_password(
        "s3cret-pass-1"
    )
