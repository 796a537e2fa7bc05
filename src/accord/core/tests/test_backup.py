"""`accord backup` / `accord restore`: database and stored files, round trip on either backend."""

import os
import subprocess
import sys
import tarfile

import pytest
from django.core.files.base import ContentFile

from accord.agreements.models import Agreement
from accord.agreements.tests.factories import AgreementFactory
from accord.clients.models import Client
from accord.clients.tests.factories import ClientFactory
from accord.core.backup import backup_create, backup_restore
from accord.projects.tests.factories import ContractFactory, ProjectFactory
from accord.workspaces.models import Member
from accord.workspaces.tests.factories import MemberFactory


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    member = MemberFactory()
    client = ClientFactory(workspace=member.workspace, name="Kept client")
    project = ProjectFactory(client=client)
    contract = ContractFactory(project=project)
    contract.document.save("contract.pdf", ContentFile(b"%PDF-1.4 signed contract"))
    agreement = AgreementFactory(project=project, title="Weekly calls on Monday")
    document_path = contract.document.path
    archive = tmp_path / "accord-backup.tar.gz"

    manifest = backup_create(archive)

    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and manifest["database"] in names
    assert any(name.endswith("contract.pdf") for name in names)
    # Life goes on after the backup: a record is deleted, another added, the file lost.
    Agreement.objects.filter(pk=agreement.pk).delete()
    ClientFactory(workspace=member.workspace, name="Added later")
    os.remove(document_path)

    backup_restore(archive)

    assert set(Client.objects.values_list("name", flat=True)) == {"Kept client"}
    assert Agreement.objects.get(pk=agreement.pk).title == "Weekly calls on Monday"
    assert Member.objects.get(pk=member.pk).user.check_password("pass-word-123")
    with open(document_path, "rb") as restored:
        assert restored.read() == b"%PDF-1.4 signed contract"


def test_restore_refuses_an_archive_with_unsafe_paths(tmp_path, db):
    import io

    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"x"
        info = tarfile.TarInfo("../../etc/evil")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))

    with pytest.raises(ValueError, match="Unsafe"):
        backup_restore(archive)


def test_cli_backup_and_restore_on_a_running_data_dir(tmp_path):
    env = {
        **os.environ,
        "ACCORD_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "accord.config.settings.base",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "accord.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert (
        run(
            "init", "--workspace", "Team", "--username", "owner", "--password", "Calm-Lake-451"
        ).returncode
        == 0
    )
    archive = tmp_path / "backup.tar.gz"

    made = run("backup", str(archive))
    refused = run("restore", str(archive))
    restored = run("restore", "--yes", str(archive))

    assert made.returncode == 0, made.stderr
    assert "Backed up the sqlite database" in made.stdout
    assert refused.returncode != 0 and "--yes" in refused.stderr
    assert restored.returncode == 0, restored.stderr
