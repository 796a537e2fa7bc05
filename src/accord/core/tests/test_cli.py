import pytest
from click.testing import CliRunner

from accord.cli import cli
from accord.clients.models import Client
from accord.workspaces.models import Workspace

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_loads_three_languages_and_does_not_duplicate():
    runner = CliRunner()

    first = runner.invoke(cli, ["demo"])
    second = runner.invoke(cli, ["demo"])

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert Workspace.objects.filter(slug="demo").count() == 1
    assert sorted(Client.objects.values_list("language", flat=True)) == ["en", "pl", "ru"]
    assert Client.objects.count() == 3


def test_init_creates_workspace_and_owner_from_flags():
    result = CliRunner().invoke(
        cli, ["init", "--workspace", "Studio", "--username", "owner", "--password", "s3cret-pass"]
    )

    assert result.exit_code == 0, result.output
    workspace = Workspace.objects.get(name="Studio")
    owner = workspace.members.get()
    assert owner.role == "owner" and owner.user.check_password("s3cret-pass")


def test_init_refuses_a_second_workspace_with_the_same_name():
    CliRunner().invoke(
        cli, ["init", "--workspace", "Studio", "--username", "owner", "--password", "x1234567"]
    )

    result = CliRunner().invoke(
        cli, ["init", "--workspace", "Studio", "--username", "other", "--password", "x1234567"]
    )

    assert result.exit_code != 0
    assert "already exists" in result.output
    assert Workspace.objects.count() == 1


@pytest.mark.parametrize("command", ["init", "serve", "demo", "manage"])
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])

    assert result.exit_code == 0
    assert "Usage" in result.output or "subcommand" in result.output
