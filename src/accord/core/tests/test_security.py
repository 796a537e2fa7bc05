"""Findings from trying Accord from outside: each test failed before its fix."""

import datetime
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accord.agreements.tests.factories import CommitmentFactory
from accord.core.errors import DomainError
from accord.projects.tests.factories import ProjectFactory
from accord.workspaces import services as workspace_services
from accord.workspaces.models import Member
from accord.workspaces.tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


# -- login throttling -------------------------------------------------------------------


def _login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_login_locks_out_after_five_wrong_passwords_with_a_clear_message(client):
    UserFactory(username="anna", password="right-pass-123")

    wrong = [_login(client, "anna", "wrong").status_code for _ in range(5)]
    locked = _login(client, "anna", "right-pass-123")

    assert wrong == [200] * 4 + [429]
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_resets_the_count(client):
    UserFactory(username="anna", password="right-pass-123")
    for _ in range(3):
        _login(client, "anna", "wrong")

    assert _login(client, "anna", "right-pass-123").status_code == 302


# -- members and roles ------------------------------------------------------------------


def test_manager_cannot_create_an_owner(member):
    manager = MemberFactory(workspace=member.workspace, role="manager")

    with pytest.raises(DomainError) as refused:
        workspace_services.member_invite(
            workspace=member.workspace,
            actor=manager.user,
            username="boss",
            password="long-enough-pass-42",
            role="owner",
        )

    assert refused.value.field == "role"
    assert not get_user_model().objects.filter(username="boss").exists()


def test_manager_can_add_members_and_owner_can_add_owners(member):
    manager = MemberFactory(workspace=member.workspace, role="manager")

    added = workspace_services.member_invite(
        workspace=member.workspace, actor=manager.user, username="m1", password="Quiet-River-77"
    )
    owner = workspace_services.member_invite(
        workspace=member.workspace,
        actor=member.user,
        username="o2",
        password="Quiet-River-78",
        role="owner",
    )

    assert (added.role, owner.role) == ("member", "owner")


def test_manager_cannot_create_an_owner_through_the_settings_page(client, member):
    manager = MemberFactory(workspace=member.workspace, role="manager")
    client.force_login(manager.user)

    response = client.post(
        "/workspace/settings/",
        {
            "member-username": "boss",
            "member-password": "long-enough-pass-42",
            "member-role": "owner",
            "member-language": "en",
        },
    )

    assert response.status_code in {200, 400}
    assert "Only an owner can add another owner" in response.content.decode()
    assert not Member.objects.filter(user__username="boss").exists()


@pytest.mark.parametrize("password", ["12345678", "password", "newmember1", "short"])
def test_invited_accounts_go_through_the_password_validators(member, password):
    with pytest.raises(DomainError) as refused:
        workspace_services.member_invite(
            workspace=member.workspace,
            actor=member.user,
            username="newmember1",
            password=password,
        )

    assert refused.value.field == "password"
    assert not get_user_model().objects.filter(username="newmember1").exists()


# -- commitments ------------------------------------------------------------------------


def test_editing_a_done_commitment_keeps_its_completion_time(member_client, member):
    project = ProjectFactory(client__workspace=member.workspace)
    done_at = timezone.now() - datetime.timedelta(days=10)
    commitment = CommitmentFactory(
        project=project, side="client", status="done", done_at=done_at, title="Old title"
    )

    response = member_client.post(
        f"/agreements/commitments/{commitment.pk}/edit/",
        {
            "title": "New title",
            "side": "client",
            "due_date": commitment.due_date.isoformat(),
            "status": "done",
        },
    )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.title == "New title"
    assert commitment.done_at == done_at


# -- headers and production settings ----------------------------------------------------


def test_pages_carry_a_content_security_policy(member_client):
    response = member_client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def _production_env(tmp_path, **extra):
    env = {
        **os.environ,
        "ACCORD_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "accord.config.settings.production",
        "ACCORD_ALLOWED_HOSTS": "accord.example.com",
        "ACCORD_EMAIL_HOST": "smtp.example.com",
        "ACCORD_EMAIL_USER": "accord",
        "ACCORD_EMAIL_PASSWORD": "secret",
        "SECRET_KEY": "x7-" + "kP9#qL2$vB8!mN4@zR6%tY1^wE3&uI5*oA0(" * 2,
        **extra,
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    # Set by the browser tests' Playwright fixtures; never set in a deployment.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def test_production_settings_pass_check_deploy(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_have_hsts_secure_cookies_and_smtp_from_the_environment(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.DEBUG, s.MAILERS['default']['BACKEND'], "
        "s.MAILERS['default']['OPTIONS']['host'], s.MAILERS['default']['OPTIONS']['username'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.com",
        "accord",
    ], result.stderr


def test_production_settings_refuse_to_start_without_smtp(tmp_path):
    env = _production_env(tmp_path)
    env.pop("ACCORD_EMAIL_HOST")

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0 and "ACCORD_EMAIL_HOST" in result.stderr
