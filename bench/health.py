"""Health benchmark: recompute every project and client of one big workspace.

Generates a workspace (default 1,000 clients and 3,000 projects, each with contract, milestones,
commitments of both sides, two months of messages with their tone, cases, decisions, meetings
and feedback), then times ``health_recompute(workspace=...)`` and counts its SQL queries. A second
run on a tenth of the size shows that the number of queries does not grow with the projects.

Usage: python bench/health.py [--clients 1000] [--projects 3000] [--seed 7] [--scale N]
With ``--scale N`` the workspace comes from Accord's scale generator (``accord demo --scale N``:
at N=1 1,000 clients, 3,000 projects and a million messages) instead of the generator below.
Uses SQLite in a temporary data dir, or the database in DATABASE_URL.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def generate(*, name: str, clients: int, projects: int, seed: int = 7):
    """A workspace with ``clients`` clients and ``projects`` projects of varied health (bulk)."""
    from django.utils import timezone

    from accord.agreements.models import Agreement, Commitment
    from accord.clients.models import Client, Contact, ContactEmail
    from accord.communications.models import Interaction
    from accord.feedback.models import Survey, SurveyResponse
    from accord.meetings.models import Meeting
    from accord.projects.models import Contract, Milestone, Project
    from accord.situations.models import Case
    from accord.triage.models import TriageResult
    from accord.workspaces.models import Workspace

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    workspace = Workspace.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    client_rows = Client.objects.bulk_create(
        [
            Client(
                workspace=workspace, name=f"Client {index}", language=rng.choice(["en", "ru", "pl"])
            )
            for index in range(clients)
        ]
    )
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                workspace=workspace,
                client=client,
                name=f"Contact {client.pk}",
                language=client.language,
            )
            for client in client_rows
        ]
    )
    ContactEmail.objects.bulk_create(
        [
            ContactEmail(
                workspace=workspace,
                contact=contact,
                address=f"c{contact.pk}@{name[:5].lower()}.example",
            )
            for contact in contacts
        ]
    )
    contact_of = {contact.client_id: contact for contact in contacts}
    project_rows = Project.objects.bulk_create(
        [
            Project(
                workspace=workspace,
                client=client_rows[index % clients],
                name=f"Project {index}",
                status=rng.choice(["active"] * 8 + ["planned", "completed"]),
                start_date=today - 120 * day,
            )
            for index in range(projects)
        ]
    )
    Contract.objects.bulk_create(
        [
            Contract(
                workspace=workspace,
                project=project,
                meeting_cadence=rng.choice(["weekly", "", "monthly"]),
                documentation_list=rng.choice(["Specification", ""]),
                escalation_path=rng.choice(["PM -> sponsor", ""]),
                response_time_hours=8,
            )
            for project in project_rows
        ]
    )
    milestones, commitments, interactions, cases, agreements, meetings = [], [], [], [], [], []
    for project in project_rows:
        for index in range(3):
            planned = today + rng.randint(-40, 80) * day
            done = (
                planned - rng.randint(0, 5) * day
                if planned < today and rng.random() < 0.7
                else None
            )
            forecast = (
                planned + rng.randint(0, 15) * day if done is None and rng.random() < 0.4 else None
            )
            milestones.append(
                Milestone(
                    workspace=workspace,
                    project=project,
                    name=f"Milestone {index}",
                    planned_date=planned,
                    forecast_date=forecast,
                    done_date=done,
                )
            )
        for index in range(4):
            side = "ours" if index % 2 else "client"
            due = today + rng.randint(-30, 30) * day
            status = rng.choice(
                ["open", "open", "done", "cancelled"] if side == "client" else ["open", "done"]
            )
            commitments.append(
                Commitment(
                    workspace=workspace,
                    project=project,
                    side=side,
                    title=f"Task {index}",
                    due_date=due,
                    status=status,
                    done_at=now - rng.randint(0, 20) * day if status == "done" else None,
                    owner_contact=contact_of[project.client_id] if side == "client" else None,
                )
            )
        for index in range(10):
            interactions.append(
                Interaction(
                    workspace=workspace,
                    project=project,
                    client_id=project.client_id,
                    channel="email",
                    direction=rng.choice(["in", "out"]),
                    occurred_at=now - datetime.timedelta(hours=rng.randint(1, 60 * 24)),
                    subject=f"Message {index}",
                )
            )
        if rng.random() < 0.35:
            cases.append(
                Case(
                    workspace=workspace,
                    project=project,
                    situation=rng.choice(
                        ["deadline_risk", "conflict", "no_feedback", "payment_issue"]
                    ),
                    severity=rng.choice(["low", "medium", "high", "critical"]),
                )
            )
        for index in range(2):
            reversed_ = rng.random() < 0.15
            agreements.append(
                Agreement(
                    workspace=workspace,
                    project=project,
                    title=f"Decision {index}",
                    source="email",
                    decided_on=today - rng.randint(1, 90) * day,
                    status="reversed" if reversed_ else "accepted",
                    reversed_at=now - rng.randint(1, 60) * day if reversed_ else None,
                )
            )
        held = rng.random() < 0.5
        meetings.append(
            Meeting(
                workspace=workspace,
                project=project,
                title="Weekly",
                starts_at=now - rng.randint(2, 20) * day,
                status="held" if held else "planned",
                minutes_sent_at=now if held and rng.random() < 0.6 else None,
            )
        )
    Milestone.objects.bulk_create(milestones, batch_size=2000)
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    Interaction.objects.bulk_create(interactions, batch_size=2000)
    Case.objects.bulk_create(cases, batch_size=2000)
    Agreement.objects.bulk_create(agreements, batch_size=2000)
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    TriageResult.objects.bulk_create(
        [
            TriageResult(
                workspace=workspace,
                interaction=item,
                labels=[],
                tone=rng.choice(["negative", "neutral", "neutral", "positive"]),
                urgency="normal",
                lang="en",
                model_version="bench",
            )
            for item in interactions
            if item.direction == "in"
        ],
        batch_size=2000,
    )
    surveys = Survey.objects.bulk_create(
        [
            Survey(
                workspace=workspace,
                project=project,
                contact=contact_of[project.client_id],
                trigger="manual",
                language="en",
                token_hash=f"bench-{workspace.pk}-{project.pk}",
                expires_at=now + 10 * day,
                answered_at=now - day,
            )
            for project in project_rows
            if rng.random() < 0.3
        ],
        batch_size=2000,
    )
    SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(
                workspace=workspace, survey=survey, score=rng.randint(1, 5), answered_at=now - day
            )
            for survey in surveys
        ],
        batch_size=2000,
    )
    return workspace


def measure(workspace) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.health.services import health_recompute

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = health_recompute(workspace=workspace)
        seconds = time.perf_counter() - started
    assert result.projects > 0
    return seconds, len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1_000)
    parser.add_argument("--projects", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=float, default=None, help="use accord demo --scale N data")
    args = parser.parse_args()

    os.environ.setdefault("ACCORD_DATA_DIR", tempfile.mkdtemp(prefix="accord-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings.base")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    suffix = f"{time.time():.0f}"
    if args.scale is not None:
        from accord.core.scale import scale_generate
        from accord.projects.models import Project

        started = time.perf_counter()
        workspace, _counts = scale_generate(args.scale, seed=args.seed)
        generated = time.perf_counter() - started
        measure(workspace)  # warm-up, and the first run that inserts the rows
        seconds, queries = measure(workspace)
        projects = Project.objects.filter(workspace=workspace).count()
        print(
            f"scale workspace N={args.scale:g}: {projects:,} projects (generated in {generated:.1f} s)"
        )
        print(f"recompute: {seconds:.2f} s, {queries} queries")
        return

    small = generate(
        name=f"Bench small {suffix}",
        clients=max(1, args.clients // 10),
        projects=max(1, args.projects // 10),
        seed=args.seed,
    )
    started = time.perf_counter()
    big = generate(
        name=f"Bench {suffix}", clients=args.clients, projects=args.projects, seed=args.seed
    )
    generated = time.perf_counter() - started
    measure(small)  # warm-up: imports, URL resolver, first statements
    small_seconds, small_queries = measure(small)
    first_seconds, first_queries = measure(big)
    again_seconds, again_queries = measure(big)  # rows exist now: updates instead of inserts
    print(
        f"workspace: {args.clients:,} clients, {args.projects:,} projects (generated in {generated:.1f} s)"
    )
    print(f"recompute, first run: {first_seconds:.2f} s, {first_queries} queries")
    print(f"recompute, again:     {again_seconds:.2f} s, {again_queries} queries")
    print(
        f"recompute at a tenth of the size: {small_seconds:.2f} s, {small_queries} queries "
        "(the query count grows only by bulk-write batches of 500 rows)"
    )
    print(f"per project: {1000 * again_seconds / args.projects:.2f} ms")


if __name__ == "__main__":
    main()
