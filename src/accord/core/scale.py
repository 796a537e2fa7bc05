"""A generated workspace the size of a real agency after years: ``accord demo --scale N``.

At N=1: 1,000 clients, 3,000 projects, 1,000,000 interactions (threads of e-mails with quoted
history, calls, chats and notes in Russian, Polish and English), 50,000 agreements, 20,000
commitments, 5,000 cases, 3,000 meetings Every
count scales linearly with N.

Rows are written in batches straight into the tables (COPY on PostgreSQL, ``executemany`` on
SQLite) inside one transaction, so an interrupted run leaves nothing behind. Triage results are
generated together with the messages from the topics each message was built from; the engine is
not run. The generator is deterministic for a given seed.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from . import scale_texts as T

SCALE_SLUG = "scale"
SCALE_USERNAME = "scale"
SCALE_PASSWORD = "scale"
BATCH_SIZE = 5000
MEMBERS = 12

# Row counts at N=1.
COUNTS_AT_ONE = {
    "clients": 1_000,
    "projects": 3_000,
    "interactions": 1_000_000,
    "agreements": 50_000,
    "commitments": 20_000,
    "cases": 5_000,
    "meetings": 3_000,
    "invoices": 10_000,  # when the billing app is installed
}
SITUATIONS = [
    "unclear_requirements",
    "deadline_risk",
    "conflict",
    "no_feedback",
    "requirements_change",
    "quality_complaint",
    "payment_issue",
    "collective_complaint",
    "out_of_scope_request",
    "escalation_threat",
]
NEGATIVE_LABELS = {
    "deadline_risk",
    "quality_complaint",
    "conflict",
    "escalation_threat",
    "collective_complaint",
}
URGENT_LABELS = {"deadline_risk", "escalation_threat", "collective_complaint"}


def _triage_state_fields() -> list[str]:
    """Messages arrive already read by triage (when the durable triage state exists)."""
    names = {f.name for f in apps.get_model("communications.Interaction")._meta.fields}
    return ["triage_state", "triage_done_at"] if "triage_state" in names else []


def scale_counts(scale: float) -> dict[str, int]:
    """Row counts for scale N (at least one of each, at least one project per client)."""
    if scale <= 0:
        raise ValueError("The scale must be positive.")
    counts = {name: max(1, round(value * scale)) for name, value in COUNTS_AT_ONE.items()}
    counts["projects"] = max(counts["projects"], counts["clients"])
    if not apps.is_installed("accord.billing"):
        counts.pop("invoices")
    return counts


class _Writer:
    """Buffers rows for one table and writes them in batches (COPY on PostgreSQL)."""

    def __init__(self, model: type[models.Model], fields: list[str], on_flush: Callable):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        # Columns the generator does not know about get their model default (or NULL).
        given = {model_field.attname for model_field in self.fields}
        rest = [f for f in model._meta.concrete_fields if f.attname not in given]
        self.fields += rest
        self.rest = tuple(
            timezone.now()
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else f.get_default()
            for f in rest
        )
        self.table = model._meta.db_table
        self.rows: list[tuple] = []
        self.on_flush = on_flush
        self.written = 0
        self.postgres = connection.vendor == "postgresql"
        self.json_positions = [
            index
            for index, model_field in enumerate(self.fields)
            if isinstance(model_field, models.JSONField)
        ]
        quote = connection.ops.quote_name
        self.columns = ", ".join(quote(model_field.column) for model_field in self.fields)

    def add(self, row: tuple) -> None:
        self.rows.append(row + self.rest if self.rest else row)
        if len(self.rows) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        rows = self.rows
        self.rows = []
        if self.json_positions:
            rows = [self._dump_json(row) for row in rows]
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                converters = [self._sqlite_converter(model_field) for model_field in self.fields]
                placeholders = ", ".join("%s" for _ in self.fields)
                cursor.executemany(
                    f"INSERT INTO {self.table} ({self.columns}) VALUES ({placeholders})",
                    [
                        tuple(
                            convert(value) if convert else value
                            for convert, value in zip(converters, row, strict=True)
                        )
                        for row in rows
                    ],
                )
        self.written += len(rows)
        self.on_flush(len(rows))

    def _dump_json(self, row: tuple) -> tuple:
        values = list(row)
        for index in self.json_positions:
            values[index] = json.dumps(values[index], ensure_ascii=False)
        return tuple(values)

    @staticmethod
    def _sqlite_converter(model_field) -> Callable | None:
        if isinstance(model_field, models.JSONField):
            return None
        if isinstance(model_field, models.DateTimeField):
            # What Django's SQLite backend stores: naive UTC in ISO format.
            return lambda value: (
                None
                if value is None
                else value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
            )
        if isinstance(model_field, models.DateField | models.DecimalField | models.UUIDField):
            return lambda value: (
                None if value is None else model_field.get_db_prep_save(value, connection)
            )
        return None


class _Ids:
    """Primary keys handed out in advance so related rows can be written in the same batch."""

    def __init__(self, model: type[models.Model]):
        last = model.objects.aggregate(last=models.Max("pk"))["last"] or 0
        self.next = last + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


@dataclass
class _ClientRow:
    id: int
    name: str
    language: str
    domain: str
    contacts: list[tuple[int, str, str, str]] = field(default_factory=list)  # id, name, email, role


@dataclass
class _ProjectRow:
    id: int
    client: _ClientRow
    name: str
    status: str
    start: datetime.datetime
    end: datetime.datetime
    milestones: list[int] = field(default_factory=list)
    # situation label -> id of a client message that showed it
    labelled: dict[str, int] = field(default_factory=dict)


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


class ScaleGenerator:
    def __init__(
        self,
        scale: float,
        *,
        seed: int = 17,
        progress: Callable[[int], None],
        counts: dict[str, int] | None = None,
        slug: str = SCALE_SLUG,
        username: str = SCALE_USERNAME,
    ):
        self.scale = scale
        self.counts = {**scale_counts(scale), **(counts or {})}
        self.slug = slug
        self.username = username
        self.rng = random.Random(seed)
        self.progress = progress
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()
        self.writers: list[_Writer] = []

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    def _writer(self, model_label, fields: list[str], count_progress: bool) -> _Writer:
        model = apps.get_model(model_label) if isinstance(model_label, str) else model_label
        writer = _Writer(model, fields, self.progress if count_progress else (lambda _n: None))
        self.writers.append(writer)
        return writer

    def run(self):
        from accord.workspaces.models import Workspace

        if Workspace.objects.filter(slug=self.slug).exists():
            raise ScaleExists(self.slug)
        with transaction.atomic():
            rebuilt = self._indexes_drop(["communications.Interaction", "triage.TriageResult"])
            workspace = self._workspace()
            clients = self._clients(workspace)
            projects = self._projects(workspace, clients)
            self._agreements_and_commitments(workspace, projects)
            self._interactions(workspace, projects)
            self._cases(workspace, projects)
            self._meetings(workspace, projects)
            if self.counts.get("invoices"):
                self._invoices(workspace, projects)
            for writer in self.writers:
                writer.flush()
            self._indexes_create(rebuilt)
            self._reset_sequences()
        # A workspace in use has a health score for every project (the daily recomputation),
        # and the dashboard's and health page's orderings read them.
        from accord.health.services import health_recompute

        health_recompute(workspace=workspace)
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner; VACUUM also sets the visibility map (index-only
            # scans) and the hint bits, so the first readers do not rewrite every page.
            with connection.cursor() as cursor:
                if not connection.in_atomic_block:  # VACUUM cannot run in a transaction
                    for label in ("communications.Interaction", "triage.TriageResult"):
                        table = apps.get_model(label)._meta.db_table
                        cursor.execute(f"VACUUM (ANALYZE) {table}")
                cursor.execute("ANALYZE")
        return workspace

    # -- workspace and people -------------------------------------------------------------------

    def _workspace(self):
        from accord.workspaces.models import Member
        from accord.workspaces.services import member_add, workspace_create

        workspace, owner = workspace_create(
            name="Scale Studio" if self.slug == SCALE_SLUG else f"Scale Studio ({self.slug})",
            owner_username=self.username,
            owner_password=SCALE_PASSWORD if self.username == SCALE_USERNAME else None,
            slug=self.slug,
            owner_email=f"{self.username}@scale-studio.example",
        )
        workspace.team_email_domains = ["scale-studio.example"]
        workspace.save(update_fields=["team_email_domains"])
        self.owner_user_id = owner.user_id
        self.members = [owner]
        languages = ["ru", "pl", "en"]
        for index in range(1, MEMBERS):
            self.members.append(
                member_add(
                    workspace=workspace,
                    username=f"{self.username}.member{index}",
                    role=Member.Role.MANAGER if index < 4 else Member.Role.MEMBER,
                    language=languages[index % 3],
                )
            )
        return workspace

    def _clients(self, workspace) -> list[_ClientRow]:
        client_writer = self._writer(
            "clients.Client",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "name",
                "email_domains",
                "website",
                "language",
                "notes",
            ],
            True,
        )
        contact_writer = self._writer(
            "clients.Contact",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "client",
                "name",
                "phone",
                "language",
                "role",
                "preferred_channel",
                "position",
                "is_active",
            ],
            False,
        )
        email_writer = self._writer(
            "clients.ContactEmail", ["id", "workspace", "contact", "address"], False
        )
        client_ids = _Ids(apps.get_model("clients.Client"))
        contact_ids = _Ids(apps.get_model("clients.Contact"))
        email_ids = _Ids(apps.get_model("clients.ContactEmail"))
        rng = self.rng
        used: set[str] = set()
        clients = []
        roles = ["decision_maker", "manager", "accountant", "specialist"]
        for index in range(self.counts["clients"]):
            language = ("ru", "pl", "en")[index % 3]
            first, second = T.COMPANY_PARTS[language]
            base = {
                "ru": "ООО «{a} {b}»",
                "pl": "{a} {b} Sp. z o.o.",
                "en": "{a} {b} Ltd",
            }[language].format(a=rng.choice(first), b=rng.choice(second))
            name = base if base not in used else f"{base} {index + 1}"
            used.add(name)
            domain = f"client{index + 1}.{language}.example"
            client = _ClientRow(client_ids.take(), name, language, domain)
            client_writer.add(
                (
                    client.id,
                    self.now,
                    self.now,
                    workspace.pk,
                    name,
                    [domain],
                    f"https://{domain}",
                    language,
                    "",
                )
            )
            for role_index, role in enumerate(roles[: 2 + index % 3]):
                person = (
                    f"{rng.choice(T.FIRST_NAMES[language])} {rng.choice(T.LAST_NAMES[language])}"
                )
                login = T.LATIN.get(person.split()[0], person.split()[0].lower())
                address = f"{login}.{role_index}@{domain}"
                contact_id = contact_ids.take()
                contact_writer.add(
                    (
                        contact_id,
                        self.now,
                        self.now,
                        workspace.pk,
                        client.id,
                        person,
                        "",
                        language,
                        role,
                        "email",
                        "",
                        True,
                    )
                )
                email_writer.add((email_ids.take(), workspace.pk, contact_id, address))
                client.contacts.append((contact_id, person, address, role))
            clients.append(client)
        return clients

    # -- projects, contracts, milestones, scope ---------------------------------------------------

    def _projects(self, workspace, clients: list[_ClientRow]) -> list[_ProjectRow]:
        project_writer = self._writer(
            "projects.Project",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "client",
                "name",
                "description",
                "status",
                "start_date",
                "end_date",
                "budget",
                "currency",
                "max_client_attendees",
                "silence_threshold_days",
            ],
            True,
        )
        contract_writer = self._writer(
            "projects.Contract",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "project",
                "number",
                "signed_date",
                "document",
                "hourly_rate",
                "payment_terms_days",
                "response_time_hours",
                "meeting_cadence",
                "documentation_list",
                "escalation_path",
                "notes",
            ],
            False,
        )
        milestone_writer = self._writer(
            "projects.Milestone",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "project",
                "name",
                "deliverable",
                "planned_date",
                "forecast_date",
                "done_date",
                "demoed_at",
                "position",
            ],
            False,
        )
        scope_writer = self._writer(
            "projects.ScopeItem",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "contract",
                "title",
                "description",
                "kind",
                "position",
            ],
            False,
        )
        ids = {
            label: _Ids(apps.get_model(label))
            for label in ("projects.Project", "projects.Contract", "projects.Milestone")
        }
        scope_ids = _Ids(apps.get_model("projects.ScopeItem"))
        rng = self.rng
        projects = []
        currencies = {"ru": "RUB", "pl": "PLN", "en": "GBP"}
        for index in range(self.counts["projects"]):
            client = clients[index % len(clients)]
            language = client.language
            ordinal = index // len(clients) + 1
            name = f"{rng.choice(T.PROJECT_NAMES[language])} {ordinal}"
            # Active projects run up to today; older ones finished within the last two years.
            active = index % 5 < 2
            length_days = rng.randint(90, 700)
            if active:
                end = self.now + datetime.timedelta(days=rng.randint(20, 200))
                start = self.now - datetime.timedelta(days=length_days)
            else:
                end = self.now - datetime.timedelta(days=rng.randint(30, 400))
                start = end - datetime.timedelta(days=length_days)
            status = "active" if active else rng.choice(["completed", "completed", "on_hold"])
            project = _ProjectRow(ids["projects.Project"].take(), client, name, status, start, end)
            project_writer.add(
                (
                    project.id,
                    start,
                    self.now,
                    workspace.pk,
                    client.id,
                    name,
                    "",
                    status,
                    start.date(),
                    end.date(),
                    Decimal(rng.randint(20, 5000) * 1000),
                    currencies[language],
                    4,
                    3,
                )
            )
            contract_id = ids["projects.Contract"].take()
            contract_writer.add(
                (
                    contract_id,
                    start,
                    self.now,
                    workspace.pk,
                    project.id,
                    f"C-{project.id:06d}",
                    start.date(),
                    "",
                    Decimal(rng.choice([85, 120, 180, 3500])),
                    rng.choice([10, 14, 30]),
                    rng.choice([4, 8, 16]),
                    rng.choice(["weekly", "biweekly", "monthly", ""]),
                    "Specification\nMinutes\nAcceptance",
                    "" if index % 4 == 0 else "Project leads, then directors; then a mediator.",
                    "",
                )
            )
            for position, title in enumerate(T.SCOPE_TITLES[language]):
                scope_writer.add(
                    (
                        scope_ids.take(),
                        start,
                        self.now,
                        workspace.pk,
                        contract_id,
                        title,
                        "",
                        "included" if position < 3 else "excluded",
                        position,
                    )
                )
            span = (end - start).days
            for position, milestone_name in enumerate(T.MILESTONE_NAMES[language]):
                planned = (start + datetime.timedelta(days=span * (position + 1) // 3)).date()
                milestone_id = ids["projects.Milestone"].take()
                done = planned if planned < self.today and rng.random() < 0.8 else None
                milestone_writer.add(
                    (
                        milestone_id,
                        start,
                        self.now,
                        workspace.pk,
                        project.id,
                        milestone_name,
                        "",
                        planned,
                        None,
                        done,
                        None,
                        position,
                    )
                )
                project.milestones.append(milestone_id)
            projects.append(project)
        return projects

    # -- agreements and commitments ---------------------------------------------------------------

    def _agreements_and_commitments(self, workspace, projects: list[_ProjectRow]) -> None:
        agreement_writer = self._writer(
            "agreements.Agreement",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "project",
                "title",
                "details",
                "source",
                "source_reference",
                "source_record_type",
                "source_record_id",
                "decided_on",
                "accepted_by",
                "recorded_by",
                "status",
                "lineage",
                "version",
                "supersedes",
                "reversed_at",
                "reversed_by_contact",
                "reversed_by_user",
                "reversal_note",
            ],
            True,
        )
        commitment_writer = self._writer(
            "agreements.Commitment",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "project",
                "milestone",
                "title",
                "side",
                "owner_member",
                "owner_contact",
                "due_date",
                "status",
                "done_at",
                "estimate_hours",
                "origin_type",
                "origin_id",
                "origin_label",
            ],
            True,
        )
        agreement_ids = _Ids(apps.get_model("agreements.Agreement"))
        commitment_ids = _Ids(apps.get_model("agreements.Commitment"))
        rng = self.rng
        sources = ["email", "meeting", "call", "contract", "chat"]
        for project, count in zip(
            projects, _split(self.counts["agreements"], len(projects)), strict=True
        ):
            language = project.client.language
            span = max(1, (min(project.end, self.now) - project.start).days)
            for number in range(count):
                decided = (project.start + datetime.timedelta(days=rng.randrange(span))).date()
                roll = rng.random()
                status = (
                    "accepted"
                    if roll < 0.85
                    else "proposed"
                    if roll < 0.9
                    else "disputed"
                    if roll < 0.95
                    else "reversed"
                )
                contact = rng.choice(project.client.contacts)
                reversed_at = (
                    datetime.datetime.combine(decided, datetime.time(12), tzinfo=datetime.UTC)
                    + datetime.timedelta(days=5)
                    if status == "reversed"
                    else None
                )
                agreement_writer.add(
                    (
                        agreement_ids.take(),
                        self.now,
                        self.now,
                        workspace.pk,
                        project.id,
                        f"{rng.choice(T.AGREEMENT_TITLES[language])} ({number + 1})",
                        "",
                        rng.choice(sources),
                        "",
                        None,
                        None,
                        decided,
                        contact[0],
                        self.owner_user_id,
                        status,
                        uuid.uuid4(),
                        1,
                        None,
                        reversed_at,
                        contact[0] if status == "reversed" else None,
                        None,
                        "",
                    )
                )
        for project, count in zip(
            projects, _split(self.counts["commitments"], len(projects)), strict=True
        ):
            language = project.client.language
            span = max(1, (project.end - project.start).days)
            for number in range(count):
                side = "ours" if number % 2 == 0 else "client"
                due = (project.start + datetime.timedelta(days=rng.randrange(span))).date()
                status = "done" if due < self.today and rng.random() < 0.85 else "open"
                commitment_writer.add(
                    (
                        commitment_ids.take(),
                        self.now,
                        self.now,
                        workspace.pk,
                        project.id,
                        project.milestones[number % len(project.milestones)],
                        f"{rng.choice(T.COMMITMENT_TITLES[language])} ({number + 1})",
                        side,
                        rng.choice(self.members).pk if side == "ours" else None,
                        rng.choice(project.client.contacts)[0] if side == "client" else None,
                        due,
                        status,
                        datetime.datetime.combine(due, datetime.time(15), tzinfo=datetime.UTC)
                        if status == "done"
                        else None,
                        Decimal(rng.choice([2, 4, 8, 16, 24])) if side == "ours" else None,
                        None,
                        None,
                        "",
                    )
                )

    # -- the communication log --------------------------------------------------------------------

    def _interactions(self, workspace, projects: list[_ProjectRow]) -> None:
        triage_state = _triage_state_fields()
        writer = self._writer(
            "communications.Interaction",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "project",
                "client",
                "channel",
                "direction",
                "occurred_at",
                "subject",
                "sender_address",
                "sender_name",
                "sender_contact",
                "sender_user",
                "recipients",
                "body_text",
                "quoted_text",
                "signature",
                "body_html",
                "language",
                "message_id",
                "in_reply_to",
                "references",
                "thread_key",
                "content_hash",
                "raw",
                "source",
                "parse_warnings",
                *triage_state,
            ],
            True,
        )
        triage_writer = self._writer(
            "triage.TriageResult",
            [
                "id",
                "workspace",
                "interaction",
                "labels",
                "scores",
                "tone",
                "urgency",
                "lang",
                "evidence",
                "model_version",
                "created_at",
            ],
            False,
        )
        interaction_ids = _Ids(apps.get_model("communications.Interaction"))
        triage_ids = _Ids(apps.get_model("triage.TriageResult"))
        topics = list(T.TOPIC_WEIGHTS)
        weights = [T.TOPIC_WEIGHTS[topic] for topic in topics]
        rng = self.rng
        members = [
            (member.user_id, member.display_name, f"{member.user.username}@scale-studio.example")
            for member in self.members
        ]
        for project, count in zip(
            projects, _split(self.counts["interactions"], len(projects)), strict=True
        ):
            client = project.client
            start = project.start.timestamp()
            last = min(project.end, self.now).timestamp()
            if project.status == "active":
                # Recent work: the last message is at most a few days old.
                last = self.now.timestamp() - rng.uniform(0.5, 6) * 86400
            moments = sorted(rng.uniform(start, last) for _ in range(count))
            index = 0
            while index < count:
                thread_length = min(count - index, rng.choice([1, 2, 2, 3, 3, 4, 5, 6]))
                language = client.language if rng.random() < 0.95 else "en"
                subject = rng.choice(T.SUBJECTS[language]).format(n=rng.randint(1, 9))
                inbound = rng.random() < 0.6
                previous: tuple[str, str, str, datetime.datetime] | None = None  # body, name, id
                root_id = ""
                references: list[str] = []
                channel = rng.choices(
                    ["email", "call", "chat", "note", "meeting"], weights=[85, 5, 5, 3, 2]
                )[0]
                member = rng.choice(members)
                for _message in range(thread_length):
                    occurred = datetime.datetime.fromtimestamp(moments[index], tz=datetime.UTC)
                    contact = rng.choice(client.contacts)
                    interaction_id = interaction_ids.take()
                    labels: list[str] = []
                    evidence: list[dict] = []
                    if inbound:
                        sentences = []
                        for _ in range(rng.randint(1, 5)):
                            topic = rng.choices(topics, weights)[0]
                            label, texts = T.TOPICS[topic]
                            sentence = rng.choice(texts[language])
                            sentences.append(sentence)
                            if label and label not in labels:
                                labels.append(label)
                                evidence.append({"label": label, "text": sentence})
                        author, author_address = contact[1], contact[2]
                        addressee = member[1].split()[0]
                    else:
                        sentences = rng.sample(T.TEAM_SENTENCES[language], rng.randint(1, 3))
                        author, author_address = member[1], member[2]
                        addressee = contact[1].split()[0]
                    greeting = rng.choice(T.GREETINGS[language]).format(name=addressee)
                    closing = rng.choice(T.CLOSINGS[language])
                    body = "\n\n".join(
                        part
                        for part in (greeting, " ".join(sentences), f"{closing}\n{author}".strip())
                        if part
                    )
                    signature = (
                        f"{author}\n{client.name}\n+00 000 {interaction_id % 1000:03d}"
                        if inbound
                        else f"{author}\nScale Studio"
                    )
                    quoted = ""
                    if channel == "email" and previous is not None:
                        quoted = (
                            T.WROTE[language].format(
                                date=previous[3].strftime("%d.%m.%Y %H:%M"), name=previous[1]
                            )
                            + "\n"
                            + "\n".join(f"> {line}" for line in previous[0].splitlines())
                        )
                    message_id = ""
                    in_reply_to = ""
                    raw = None
                    content_hash = ""
                    row_subject = subject
                    if channel == "email":
                        domain = client.domain if inbound else "scale-studio.example"
                        message_id = f"<g{interaction_id}@{domain}>"
                        if previous is not None:
                            in_reply_to = previous[2]
                            row_subject = T.REPLY_PREFIX[language] + subject
                        root_id = root_id or message_id
                        recipient = member[2] if inbound else contact[2]
                        text = body + "\n\n-- \n" + signature + ("\n\n" + quoted if quoted else "")
                        raw = (
                            f"Message-ID: {message_id}\r\nFrom: {author} <{author_address}>\r\n"
                            f"To: {recipient}\r\nSubject: {row_subject}\r\n"
                            f"Date: {occurred:%a, %d %b %Y %H:%M:%S +0000}\r\n"
                            + (
                                f"In-Reply-To: {in_reply_to}\r\nReferences: {' '.join(references)}\r\n"
                                if in_reply_to
                                else ""
                            )
                            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            f"Content-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n"
                        ).encode()
                        content_hash = hashlib.sha256(raw).hexdigest()
                    writer.add(
                        (
                            interaction_id,
                            occurred,
                            occurred,
                            workspace.pk,
                            project.id,
                            client.id,
                            channel,
                            "in" if inbound else "out",
                            occurred,
                            row_subject if channel != "chat" else "",
                            author_address if channel == "email" else "",
                            author,
                            contact[0] if inbound else None,
                            None if inbound else member[0],
                            [member[2] if inbound else contact[2]] if channel == "email" else [],
                            body,
                            quoted,
                            signature if channel == "email" else "",
                            "",
                            language,
                            message_id,
                            in_reply_to,
                            list(references),
                            root_id if channel == "email" else "",
                            content_hash,
                            raw,
                            "generated" if channel == "email" else "",
                            [],
                        )
                        + ((("done", occurred) if inbound else ("", None)) if triage_state else ())
                    )
                    if inbound:
                        tone = (
                            "negative"
                            if NEGATIVE_LABELS.intersection(labels)
                            else rng.choice(["neutral", "neutral", "positive"])
                        )
                        urgency = (
                            "high"
                            if URGENT_LABELS.intersection(labels)
                            else rng.choice(["normal", "normal", "low"])
                        )
                        triage_writer.add(
                            (
                                triage_ids.take(),
                                workspace.pk,
                                interaction_id,
                                labels,
                                {label: round(rng.uniform(0.55, 0.97), 3) for label in labels},
                                tone,
                                urgency,
                                language,
                                evidence,
                                "generated",
                                occurred,
                            )
                        )
                        for label in labels:
                            project.labelled[label] = interaction_id
                    if message_id:
                        references.append(message_id)
                    previous = (body, author, message_id, occurred)
                    # Mostly the other side answers; sometimes the same side writes again.
                    inbound = (not inbound) if rng.random() < 0.85 else inbound
                    index += 1

    # -- cases and meetings -----------------------------------------------------------------------

    def _cases(self, workspace, projects: list[_ProjectRow]) -> None:
        from accord.situations.playbooks import builtin_playbooks

        playbooks = builtin_playbooks()
        case_writer = self._writer(
            "situations.Case",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "project",
                "situation",
                "severity",
                "owner",
                "status",
                "notes",
                "root_cause",
                "resolution_summary",
                "opened_at",
                "resolved_at",
                "opened_automatically",
                "created_by",
            ],
            True,
        )
        step_writer = self._writer(
            "situations.CaseStep",
            ["id", "case", "position", "text", "done_by", "done_at"],
            False,
        )
        link_model = apps.get_model("situations.Case").interactions.through
        link_writer = self._writer(link_model, ["id", "case", "interaction"], False)
        case_ids = _Ids(apps.get_model("situations.Case"))
        step_ids = _Ids(apps.get_model("situations.CaseStep"))
        link_ids = _Ids(link_model)
        rng = self.rng
        for number in range(self.counts["cases"]):
            # Distinct (project, situation) pairs, so "one open case per situation" holds.
            project = projects[number % len(projects)]
            situation = SITUATIONS[(number // len(projects)) % len(SITUATIONS)]
            opened = self.now - datetime.timedelta(hours=rng.randint(2, 24 * 500))
            status = rng.choices(
                ["open", "in_progress", "waiting", "resolved", "closed"],
                weights=[15, 10, 5, 40, 30],
            )[0]
            resolved = status in {"resolved", "closed"}
            case_id = case_ids.take()
            case_writer.add(
                (
                    case_id,
                    opened,
                    opened,
                    workspace.pk,
                    project.id,
                    situation,
                    rng.choice(["low", "medium", "medium", "high", "critical"]),
                    rng.choice(self.members).pk,
                    status,
                    "",
                    "delay" if resolved and situation == "deadline_risk" else "",
                    "Plan agreed and delivered." if resolved else "",
                    opened,
                    opened + datetime.timedelta(days=rng.randint(1, 20)) if resolved else None,
                    situation in project.labelled,
                    self.owner_user_id,
                )
            )
            playbook = playbooks.get(situation)
            language = project.client.language
            if playbook is not None:
                if language not in playbook.languages:
                    language = "en"
                for position, text in enumerate(playbook.text(language).steps):
                    step_writer.add(
                        (
                            step_ids.take(),
                            case_id,
                            position,
                            text[:500],
                            self.owner_user_id if resolved else None,
                            opened + datetime.timedelta(hours=position + 1) if resolved else None,
                        )
                    )
            if situation in project.labelled:
                link_writer.add((link_ids.take(), case_id, project.labelled[situation]))

    def _meetings(self, workspace, projects: list[_ProjectRow]) -> None:
        meeting_model = apps.get_model("meetings.Meeting")
        meeting_writer = self._writer(
            "meetings.Meeting",
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "project",
                "kind",
                "title",
                "starts_at",
                "duration_minutes",
                "location",
                "status",
                "agenda_sent_at",
                "discussed",
                "held_at",
                "minutes_sent_at",
                "minutes_message_ids",
                "objection_deadline",
                "objection_status",
                "disputed_by",
                "created_by",
            ],
            True,
        )
        contact_through = meeting_model.attendee_contacts.through
        member_through = meeting_model.attendee_members.through
        contact_writer = self._writer(contact_through, ["id", "meeting", "contact"], False)
        member_writer = self._writer(member_through, ["id", "meeting", "member"], False)
        ids = _Ids(meeting_model)
        contact_ids = _Ids(contact_through)
        member_ids = _Ids(member_through)
        rng = self.rng
        for number in range(self.counts["meetings"]):
            project = projects[number % len(projects)]
            language = project.client.language
            # A third of the meetings of active projects are still ahead (the first one always).
            if project.status == "active" and (number // len(projects)) % 3 == 0:
                starts = self.now + datetime.timedelta(days=rng.randint(1, 14), hours=2)
            else:
                span = max(1, int((min(project.end, self.now) - project.start).total_seconds()))
                starts = project.start + datetime.timedelta(seconds=rng.randrange(span))
            past = starts < self.now
            minutes_sent = starts + datetime.timedelta(hours=5) if past else None
            meeting_id = ids.take()
            meeting_writer.add(
                (
                    meeting_id,
                    starts - datetime.timedelta(days=3),
                    starts,
                    workspace.pk,
                    project.id,
                    "call",
                    f"{T.MEETING_TITLES[language]} {number + 1}",
                    starts,
                    60,
                    "",
                    "held" if past else "planned",
                    starts - datetime.timedelta(days=1),
                    "Status, risks, next steps." if past else "",
                    starts + datetime.timedelta(hours=1) if past else None,
                    minutes_sent,
                    [],
                    (minutes_sent + datetime.timedelta(days=2)).date() if minutes_sent else None,
                    "accepted" if past else "",
                    None,
                    self.owner_user_id,
                )
            )
            contact_writer.add(
                (contact_ids.take(), meeting_id, rng.choice(project.client.contacts)[0])
            )
            member_writer.add((member_ids.take(), meeting_id, rng.choice(self.members).pk))

    def _invoices(self, workspace, projects: list[_ProjectRow]) -> None:
        """Invoices over each project's life: most paid (with their payments), some open, a few
        of them overdue so the money problems show."""
        invoice_model = apps.get_model("billing.Invoice")
        payment_model = apps.get_model("billing.Payment")
        invoice_writer = self._writer(
            invoice_model,
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "project",
                "client",
                "number",
                "amount",
                "currency",
                "issue_date",
                "due_date",
                "status",
                "amount_paid",
                "billing_contact",
                "account_owner",
                "description",
            ],
            True,
        )
        payment_writer = self._writer(
            payment_model,
            [
                "id",
                "created_at",
                "updated_at",
                "workspace",
                "invoice",
                "amount",
                "paid_on",
                "reference",
                "method",
                "note",
                "recorded_by",
            ],
            False,
        )
        invoice_ids = _Ids(invoice_model)
        payment_ids = _Ids(payment_model)
        currencies = {"ru": "RUB", "pl": "PLN", "en": "GBP"}
        rng = self.rng
        for project, count in zip(
            projects, _split(self.counts["invoices"], len(projects)), strict=True
        ):
            client = project.client
            accountant = next(
                (contact for contact in client.contacts if contact[3] == "accountant"),
                client.contacts[0],
            )
            span = max(1, (min(project.end, self.now) - project.start).days)
            for number in range(count):
                issued = (project.start + datetime.timedelta(days=rng.randrange(span))).date()
                due = issued + datetime.timedelta(days=rng.choice([10, 14, 30]))
                amount = Decimal(rng.randint(5, 400) * 100)
                roll = rng.random()
                if due >= self.today or roll < 0.1:
                    status, paid = "issued", Decimal("0")
                elif roll < 0.15:
                    status, paid = "partially_paid", amount / 2
                else:
                    status, paid = "paid", amount
                invoice_id = invoice_ids.take()
                invoice_writer.add(
                    (
                        invoice_id,
                        datetime.datetime.combine(issued, datetime.time(10), tzinfo=datetime.UTC),
                        self.now,
                        workspace.pk,
                        project.id,
                        client.id,
                        f"INV-{invoice_id:07d}",
                        amount,
                        currencies[client.language],
                        issued,
                        due,
                        status,
                        paid,
                        accountant[0],
                        rng.choice(self.members).pk,
                        f"{project.name}, {number + 1}",
                    )
                )
                if paid:
                    paid_on = min(due + datetime.timedelta(days=rng.randint(-5, 20)), self.today)
                    payment_writer.add(
                        (
                            payment_ids.take(),
                            self.now,
                            self.now,
                            workspace.pk,
                            invoice_id,
                            paid,
                            paid_on,
                            f"TR-{invoice_id:07d}",
                            "bank_transfer",
                            "",
                            self.owner_user_id,
                        )
                    )

    # -- finishing ---------------------------------------------------------------------------------

    def _indexes_drop(self, labels: list[str]) -> list[str]:
        """On PostgreSQL, drop the secondary indexes of the big tables for the load (building
        them once afterwards is much faster than keeping them up to date row by row); returns
        their definitions. Indexes behind constraints (primary key, unique) stay."""
        if connection.vendor != "postgresql":
            return []
        definitions = []
        with connection.cursor() as cursor:
            for label in labels:
                table = apps.get_model(label)._meta.db_table
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND "
                    "indexname NOT IN (SELECT conname FROM pg_constraint "
                    "WHERE conrelid = %s::regclass)",
                    [table, table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f'DROP INDEX "{name}"')
                    definitions.append(definition)
        return definitions

    def _indexes_create(self, definitions: list[str]) -> None:
        if not definitions:
            return
        with connection.cursor() as cursor:
            # Foreign keys are checked at commit; CREATE INDEX wants no checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for definition in definitions:
                cursor.execute(definition)
            # Back to checking at commit, for whatever else the surrounding transaction writes.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def _reset_sequences(self) -> None:
        if connection.vendor != "postgresql":
            return
        models_written = {writer.model for writer in self.writers}
        statements = connection.ops.sequence_reset_sql(no_style(), list(models_written))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


class ScaleExists(Exception):
    pass


def scale_generate(
    scale: float,
    *,
    seed: int = 17,
    progress: Callable[[int], None] | None = None,
    counts: dict[str, int] | None = None,
    slug: str = SCALE_SLUG,
    username: str = SCALE_USERNAME,
) -> tuple[object, dict[str, int]]:
    """Create the ``scale`` workspace at scale N; returns it with the row counts written.

    ``counts`` overrides single counts (tests build small workspaces of a chosen shape), and
    ``slug``/``username`` name another workspace and owner (no password then)."""
    generator = ScaleGenerator(
        scale,
        seed=seed,
        progress=progress or (lambda _n: None),
        counts=counts,
        slug=slug,
        username=username,
    )
    workspace = generator.run()
    # COPY goes around the cursor's execute: kept pages learn of the new rows here.
    from accord.core.pagecache import data_changed

    data_changed()
    return workspace, {writer.model._meta.label: writer.written for writer in generator.writers}


def iter_counts(counts: dict[str, int]) -> Iterable[str]:
    for label, count in sorted(counts.items()):
        yield f"{label}: {count:,}"
