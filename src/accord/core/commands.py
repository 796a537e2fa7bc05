"""`accord backup` and `accord restore`."""

from __future__ import annotations

import sys

import click


def register(cli: click.Group) -> None:
    @cli.command("backup")
    @click.argument("path", type=click.Path(dir_okay=False))
    def backup(path) -> None:
        """Write the database and stored files to one .tar.gz archive (safe while running)."""
        from accord.cli import setup_django

        setup_django()
        from accord.core.backup import backup_create

        manifest = backup_create(path)
        click.echo(
            f"Backed up the {manifest['engine']} database and {manifest['files']} files to {path}."
        )

    @cli.command("restore")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.option("--yes", is_flag=True, help="Do not ask before replacing the data.")
    def restore(path, yes) -> None:
        """Replace the database and stored files with an archive's (stop `accord serve` first)."""
        from accord.cli import setup_django

        setup_django()
        if not yes:
            if not sys.stdin.isatty():
                raise click.ClickException("Add --yes to replace the data without a prompt.")
            click.confirm(
                "This replaces every record and file with the archive's. Go on?", abort=True
            )
        from accord.core.backup import backup_restore

        try:
            manifest = backup_restore(path)
        except ValueError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Restored the backup of {manifest['created_at']} ({manifest['files']} files).")
