"""`accord dunning-run` and `accord import-billing`."""

from __future__ import annotations

import datetime
from pathlib import Path

import click


def register(cli: click.Group) -> None:
    @cli.command("dunning-run")
    @click.option("--workspace", "workspace_slug", help="Only this workspace (slug or name).")
    @click.option("--date", "day", help="Run as of this day (YYYY-MM-DD).")
    def dunning_run_command(workspace_slug, day) -> None:
        """Carry out the dunning steps due today (each step once; safe to run any number of times)."""
        from accord.cli import setup_django

        setup_django()
        from accord.billing.dunning import dunning_run
        from accord.communications.commands import _workspace

        workspace = _workspace(workspace_slug) if workspace_slug else None
        try:
            today = datetime.date.fromisoformat(day) if day else None
        except ValueError as error:
            raise click.BadParameter("use YYYY-MM-DD", param_hint="--date") from error
        click.echo(str(dunning_run(workspace=workspace, today=today)))

    @cli.command("import-billing")
    @click.argument("kind", type=click.Choice(["invoices", "payments"]))
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.option(
        "--workspace", "workspace_slug", help="Workspace slug or name (optional with one)."
    )
    @click.option("--dry-run", is_flag=True, help="Check every row, write nothing.")
    @click.option("--all-or-nothing", is_flag=True, help="Import nothing unless every row is good.")
    def import_billing(kind, path, workspace_slug, dry_run, all_or_nothing) -> None:
        """Import invoices or payments from a CSV or XLSX file, with a per-row report."""
        from accord.cli import setup_django

        setup_django()
        from accord.billing.imports import billing_import
        from accord.communications.commands import _workspace

        report = billing_import(
            workspace=_workspace(workspace_slug),
            kind=kind,
            content=Path(path).read_bytes(),
            filename=path,
            dry_run=dry_run,
            mode="file" if all_or_nothing else "rows",
        )
        if report.error:
            raise click.ClickException(report.error)
        for row in report.rows:
            if row.status != "ok":
                click.echo(f"line {row.line} {row.label}: {row.status}: {'; '.join(row.messages)}")
        click.echo(
            f"{'dry run, would import' if dry_run else 'imported'}: "
            f"{report.valid if dry_run else report.imported}, duplicates: {report.duplicates}, "
            f"errors: {len(report.errors)}"
        )
        if report.errors:
            raise SystemExit(1)
