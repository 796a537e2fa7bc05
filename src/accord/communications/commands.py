"""`accord import-mail` and `accord fetch-mail`."""

from __future__ import annotations

import sys

import click


def _workspace(slug_or_name: str | None):
    from accord.workspaces.models import Workspace

    if slug_or_name:
        workspace = (
            Workspace.objects.filter(slug=slug_or_name).first()
            or Workspace.objects.filter(name=slug_or_name).first()
        )
        if workspace is None:
            raise click.ClickException(f"No workspace '{slug_or_name}'.")
        return workspace
    workspaces = list(Workspace.objects.all()[:2])
    if len(workspaces) != 1:
        raise click.ClickException(
            "Several workspaces (or none): choose one with --workspace SLUG."
        )
    return workspaces[0]


def register(cli: click.Group) -> None:
    @cli.command("import-mail")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
    @click.option(
        "--workspace",
        "workspace_slug",
        help="Workspace slug or name (optional with one workspace).",
    )
    def import_mail(paths, workspace_slug) -> None:
        """Import .eml, .mbox and Outlook .msg files and directories of them (safe to re-run)."""
        from accord.cli import setup_django

        setup_django()
        from accord.communications.ingestion.importer import (
            DatabaseUnavailable,
            ImportSummary,
            count_mail_files,
            iter_mail_files,
            mail_import_many,
        )

        workspace = _workspace(workspace_slug)
        total = count_mail_files(paths)
        summary = ImportSummary()

        def counts() -> str:
            return (
                f"imported: {summary.imported}, duplicates: {summary.duplicates}, "
                f"quarantined: {summary.quarantined}, unknown senders: {summary.unknown_senders}"
            )

        try:
            with click.progressbar(length=total, label="Importing", show_pos=True) as bar:
                mail_import_many(
                    workspace=workspace,
                    items=iter_mail_files(paths),
                    on_progress=bar.update,
                    summary=summary,
                )
        except DatabaseUnavailable as error:
            click.echo(
                f"import stopped: the database is not reachable ({error.__class__.__name__}: "
                f"{str(error).strip().splitlines()[0] if str(error).strip() else 'no details'}). "
                f"Stored before it stopped: {counts()}. Run the same command again to import "
                "the rest (nothing is stored twice).",
                err=True,
            )
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo(
                f"\nimport interrupted. Stored so far: {counts()}. Run the same command again "
                "to import the rest (nothing is stored twice; stored messages are triaged).",
                err=True,
            )
            sys.exit(130)
        click.echo(counts())

    @cli.command("fetch-mail")
    @click.option("--workspace", "workspace_slug", help="Only this workspace's mailboxes.")
    def fetch_mail(workspace_slug) -> None:
        """Fetch new mail from every active IMAP mailbox (incremental by UID)."""
        from accord.cli import setup_django

        setup_django()
        from accord.communications.ingestion.mailbox import mailbox_fetch
        from accord.communications.models import Mailbox

        mailboxes = Mailbox.objects.filter(is_active=True).select_related("workspace")
        if workspace_slug:
            mailboxes = mailboxes.filter(workspace=_workspace(workspace_slug))
        for mailbox in mailboxes:
            try:
                summary = mailbox_fetch(mailbox=mailbox)
            except Exception as error:  # noqa: BLE001 - report and go on with the next mailbox
                click.echo(f"{mailbox}: failed: {error}", err=True)
                continue
            click.echo(
                f"{mailbox}: imported {summary.imported}, duplicates {summary.duplicates}, "
                f"quarantined {summary.quarantined}"
            )

    @cli.command("send-mail")
    @click.option(
        "--due-only", is_flag=True, help="Respect the retry wait (default: send every queued one)."
    )
    @click.option("--retry-failed", is_flag=True, help="Queue e-mails that failed and send them.")
    def send_mail(due_only: bool, retry_failed: bool) -> None:
        """Send the outbox now: every queued e-mail; exits 1 when some could not be sent."""
        from accord.cli import setup_django

        setup_django()
        from accord.communications.models import OutgoingEmail
        from accord.communications.outbox import OUTBOX, outbox_flush
        from accord.core.work import WorkState

        if retry_failed:
            OUTBOX.requeue(OutgoingEmail.objects.filter(work_state=WorkState.FAILED))
        summary = outbox_flush(now=not due_only)
        counts = OUTBOX.counts()
        click.echo(
            f"sent: {summary.sent}, will retry: {summary.retrying}, failed: {summary.failed}, "
            f"still queued: {counts[WorkState.PENDING]}"
        )
        for row in OutgoingEmail.objects.filter(
            work_state__in=[WorkState.PENDING, WorkState.FAILED]
        ).exclude(work_error="")[:20]:
            click.echo(
                f"  {row.interaction.message_id} {row.state_label}: {row.work_error}", err=True
            )
        if summary.retrying or summary.failed:
            sys.exit(1)
