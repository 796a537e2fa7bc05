"""The ``accord`` command line: set up, serve, load the demo, and the apps' own commands."""

from __future__ import annotations

import importlib
import os
import signal
import sys
import time

import click

DEFAULT_SETTINGS = "accord.config.settings.base"

# Apps contribute commands through a module exposing ``register(group)``.
COMMAND_MODULES = [
    "accord.core.commands",
    "accord.communications.commands",
    "accord.triage.commands",
    "accord.situations.commands",
    "accord.meetings.commands",
    "accord.changes.commands",
    "accord.billing.commands",
]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def run_migrations(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    # The shared cache (rate limits) lives in the database unless Redis is configured.
    call_command("createcachetable", verbosity=verbosity)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Accord keeps client work healthy: agreements, communications, difficult situations."""


@cli.command()
@click.option(
    "--workspace", "workspace_name", envvar="ACCORD_WORKSPACE_NAME", help="Workspace name."
)
@click.option("--username", envvar="ACCORD_OWNER_USERNAME", help="Owner's username.")
@click.option("--email", envvar="ACCORD_OWNER_EMAIL", default="", help="Owner's e-mail.")
@click.option("--password", envvar="ACCORD_OWNER_PASSWORD", help="Owner's password.")
@click.option(
    "--language",
    type=click.Choice(["en", "ru", "pl"]),
    default="en",
    show_default=True,
    help="Workspace default and owner's interface language.",
)
def init(workspace_name, username, email, password, language) -> None:
    """Migrate the database and create the first workspace and its owner."""
    setup_django()
    run_migrations()
    from accord.core.errors import DomainError
    from accord.workspaces.services import workspace_create

    interactive = sys.stdin.isatty()
    if not workspace_name:
        if not interactive:
            raise click.UsageError("--workspace is required when not interactive.")
        workspace_name = click.prompt("Workspace name")
    if not username:
        if not interactive:
            raise click.UsageError("--username is required when not interactive.")
        username = click.prompt("Owner username")
    if not password:
        if not interactive:
            raise click.UsageError("--password (or ACCORD_OWNER_PASSWORD) is required.")
        password = click.prompt("Owner password", hide_input=True, confirmation_prompt=True)
    try:
        workspace, member = workspace_create(
            name=workspace_name,
            owner_username=username,
            owner_password=password,
            owner_email=email,
            language=language,
        )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Created workspace '{workspace.name}' with owner '{member.user.username}'.")


@cli.command()
@click.option(
    "--scale",
    type=float,
    default=None,
    help="Instead of the small demo, generate the 'scale' workspace at N times an agency after "
    "years (N=1: 1,000 clients, 3,000 projects, 1,000,000 messages).",
)
@click.option("--seed", type=int, default=17, show_default=True, help="Random seed (--scale).")
def demo(scale: float | None, seed: int) -> None:
    """Migrate (on an empty data dir too) and load the demo workspace; safe to run twice."""
    setup_django()
    run_migrations()
    if scale is not None:
        _demo_scale(scale, seed)
        return
    from accord.core.demo import demo_load

    created = demo_load()
    if created:
        click.echo("Loaded the demo workspace. Log in as demo / demo (local use only).")
    else:
        click.echo("The demo workspace is already there. Log in as demo / demo (local use only).")


def _demo_scale(scale: float, seed: int) -> None:
    from accord.core.scale import (
        SCALE_PASSWORD,
        SCALE_SLUG,
        SCALE_USERNAME,
        ScaleExists,
        scale_counts,
        scale_generate,
    )

    if scale <= 0:
        raise click.BadParameter("must be positive", param_hint="--scale")
    counts = scale_counts(scale)
    started = time.monotonic()
    try:
        with click.progressbar(
            length=sum(counts.values()), label=f"Generating N={scale:g}", width=30
        ) as bar:
            _workspace, written = scale_generate(scale, seed=seed, progress=bar.update)
    except ScaleExists as error:
        raise click.ClickException(
            f"The '{SCALE_SLUG}' workspace is already there; use an empty database "
            "(ACCORD_DATA_DIR or DATABASE_URL) to generate it again."
        ) from error
    seconds = time.monotonic() - started
    total = sum(written.values())
    for label, count in sorted(written.items()):
        click.echo(f"  {label}: {count:,}")
    click.echo(
        f"Generated {total:,} rows in {seconds:.1f} s ({total / max(seconds, 0.001):,.0f} rows/s). "
        f"Log in as {SCALE_USERNAME} / {SCALE_PASSWORD} (local use only)."
    )


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="Web worker processes.")
@click.option(
    "--task-workers",
    default=2,
    show_default=True,
    type=int,
    help="Task consumer workers (threads of the Huey consumer).",
)
@click.option("--no-tasks", is_flag=True, help="Do not start the task consumer (web only).")
@click.option("--no-web", is_flag=True, help="Do not start the web server (tasks only).")
def serve(
    host: str, port: int, workers: int, task_workers: int, no_tasks: bool, no_web: bool
) -> None:
    """Run the web server (gunicorn) and the Huey task consumer, restarting either if it crashes.

    Ctrl-C or SIGTERM stops both (exit 0); a process that keeps crashing stops Accord with exit 1.
    """
    setup_django()
    run_migrations()
    from accord.core.supervisor import Child, Supervisor

    if no_web and no_tasks:
        raise click.UsageError("Nothing to run: --no-web and --no-tasks together.")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
    children = []
    if not no_web:
        children.append(Child("web server", _gunicorn_argv(host, port, workers), env))
    if not no_tasks and task_workers > 0:
        children.append(
            Child(
                "task consumer",
                [
                    sys.executable,
                    "-m",
                    "django",
                    "run_huey",
                    "--workers",
                    str(task_workers),
                    "--worker-type",
                    "thread",
                ],
                env,
                # SIGINT lets the consumer finish the tasks in hand; what it cannot finish stays
                # claimed in the database and is taken over once the claim is stale.
                stop_signal=signal.SIGINT,
            )
        )
    if not no_web:
        click.echo(f"Accord is serving on http://{host}:{port}/  (Ctrl-C to stop)")
    code = Supervisor(children).run()
    if code:
        click.echo("Accord stopped: a process kept crashing (see the log above).", err=True)
    sys.exit(code)


def _gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "accord.config.wsgi:application",
        "--config",
        "python:accord.config.gunicorn",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
    ]
    import gunicorn.config

    if hasattr(gunicorn.config, "ControlSocketDisable"):
        # No control socket: its default path in the home folder is shared by every instance.
        argv.append("--no-control-socket")
    return argv


@cli.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args) -> None:
    """Pass-through to Django's management commands (accord manage help)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["accord manage", *args])


def _register_app_commands() -> None:
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        module.register(cli)


_register_app_commands()


def main() -> None:
    cli(prog_name="accord")


if __name__ == "__main__":
    main()
