"""``accord backup`` and ``accord restore``: the database and stored files in one archive.

The archive is a ``.tar.gz`` with ``manifest.json``, the database and ``media/`` (attachments,
contract documents). It is taken while Accord runs and is consistent:

- **SQLite**: SQLite's online backup API copies the database page by page into a snapshot file
  (``db/accord.sqlite3``), the same way ``sqlite3 .backup`` does; writers keep working.
- **PostgreSQL**: Django's serializer writes every row (``db/data.json``) inside one
  ``REPEATABLE READ, READ ONLY`` transaction, i.e. one MVCC snapshot. No ``pg_dump`` binary is
  needed, so the client version can never lag behind the server's; the same file restores on
  any PostgreSQL Accord supports.

Files are written once and never changed, and they are copied after the database snapshot, so
every file the snapshot refers to is in the archive.

``restore`` replaces the database content and the stored files with the archive's (after a
migration to the current schema); stop ``accord serve`` first.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

FORMAT_VERSION = 1
# Rebuilt by ``migrate``, or state that must not come back (sessions, cached counters).
EXCLUDED_MODELS = ["contenttypes", "auth.permission", "sessions.session", "admin.logentry"]


def _sqlite_snapshot(target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _postgres_snapshot(target: Path) -> None:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        with target.open("w", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                exclude=EXCLUDED_MODELS,
                natural_foreign=True,
                natural_primary=True,
                stdout=out,
                verbosity=0,
            )


def _applied_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def backup_create(path: str | os.PathLike) -> dict:
    """Write the archive to ``path``; returns the manifest."""
    path = Path(path)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="accord-backup-") as work:
        work_dir = Path(work)
        if connection.vendor == "sqlite":
            db_name = "db/accord.sqlite3"
            (work_dir / "db").mkdir()
            _sqlite_snapshot(work_dir / db_name)
        elif connection.vendor == "postgresql":
            db_name = "db/data.json"
            (work_dir / "db").mkdir()
            _postgres_snapshot(work_dir / db_name)
        else:  # pragma: no cover - Accord runs on SQLite or PostgreSQL
            raise RuntimeError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
        files = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        )
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(),
            "engine": connection.vendor,
            "database": db_name,
            "migrations": _applied_migrations(),
            "files": len(files),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(work_dir / db_name, arcname=db_name)
            for file in files:
                archive.add(file, arcname="media/" + file.relative_to(media_root).as_posix())
        partial.replace(path)  # a half-written archive never carries the final name
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise ValueError(f"Unsafe entry in the archive: {member.name}")
        members.append(member)
    return members


def backup_restore(path: str | os.PathLike) -> dict:
    """Replace the database content and stored files with the archive's; returns its manifest."""
    with tempfile.TemporaryDirectory(prefix="accord-restore-") as work:
        work_dir = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work_dir, members=_safe_members(archive), filter="data")
        manifest = json.loads((work_dir / "manifest.json").read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError("This archive was written by another version of Accord's backup.")
        if manifest["engine"] != connection.vendor:
            raise ValueError(
                f"The archive holds a {manifest['engine']} database; "
                f"this Accord runs on {connection.vendor}."
            )
        database = work_dir / manifest["database"]
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(database)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            call_command("migrate", interactive=False, verbosity=0)
        else:
            call_command("migrate", interactive=False, verbosity=0)
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(database), verbosity=0)
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True, exist_ok=True)
        restored_media = work_dir / "media"
        if restored_media.exists():
            shutil.copytree(restored_media, media_root, dirs_exist_ok=True)
    return manifest
