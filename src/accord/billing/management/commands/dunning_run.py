"""``accord manage dunning_run [--workspace SLUG] [--date YYYY-MM-DD]``."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Carry out the dunning steps due today for every late invoice (safe to repeat)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--workspace", help="Only this workspace (slug).")
        parser.add_argument("--date", help="Run as of this day (YYYY-MM-DD), e.g. to catch up.")

    def handle(self, *args, **options) -> None:
        from accord.billing.dunning import dunning_run
        from accord.workspaces.models import Workspace

        workspace = None
        if options["workspace"]:
            workspace = Workspace.objects.filter(slug=options["workspace"]).first()
            if workspace is None:
                raise CommandError(f"No workspace '{options['workspace']}'.")
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("--date must be YYYY-MM-DD.") from error
        self.stdout.write(str(dunning_run(workspace=workspace, today=today)))
