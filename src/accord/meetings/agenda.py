"""The agenda builder: every meeting starts with what was agreed last time and what is still open.

Other apps add sections by defining ``<app>/agenda.py`` with ``agenda_sections(project)``
returning ``AgendaSection`` objects (or dicts with the same keys); they are placed by ``order``.
A section's ``audience`` says who sees it: "client" sections are sent in the invitation and the
.ics, "team" sections (cases, severities, risks, internal remarks) never leave Accord.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.agreements.models import Agreement, Commitment
from accord.core.hooks import app_modules

from .models import AgendaItem, Meeting

ORDER_DECISIONS, ORDER_COMMITMENTS, ORDER_CHANGES, ORDER_CASES, ORDER_TOPICS = 10, 20, 30, 40, 90


@dataclass
class AgendaEntry:
    """One agenda line; built from a record, it is rendered again in each reader's language."""

    text: str
    agreement: object = None
    commitment: object = None
    key: str = ""


@dataclass
class AgendaSection:
    key: str
    title: str
    items: list = field(default_factory=list)
    order: int = 50
    audience: str = "client"

    def entries(self) -> list[AgendaEntry]:
        return [item if isinstance(item, AgendaEntry) else AgendaEntry(item) for item in self.items]


def previous_meeting(*, project, before) -> Meeting | None:
    return (
        Meeting.objects.filter(project=project, status=Meeting.Status.HELD, starts_at__lt=before)
        .order_by("-starts_at")
        .first()
    )


def agenda_build(
    *, project, starts_at=None, topics: list[str] | None = None
) -> list[AgendaSection]:
    """Sections in the order the practice asks: last decisions, open commitments, then the rest."""
    starts_at = starts_at or timezone.now()
    today = timezone.localdate()
    previous = previous_meeting(project=project, before=starts_at)
    decisions = (
        Agreement.objects.filter(project=project)
        .exclude(status__in=[Agreement.Status.SUPERSEDED])
        .select_related("accepted_by")
    )
    if previous is not None:
        decisions = decisions.filter(decided_on__gte=timezone.localtime(previous.starts_at).date())
    else:
        decisions = decisions.filter(decided_on__gte=today - timezone.timedelta(days=30))
    sections = [
        AgendaSection(
            AgendaItem.Section.DECISIONS,
            _("Agreed last time"),
            [
                AgendaEntry(
                    f"{agreement.title} ({agreement.decided_on:%Y-%m-%d}, {agreement.get_source_display()}"
                    + (f", {agreement.accepted_by.name}" if agreement.accepted_by else "")
                    + f"; {agreement.get_status_display()})",
                    agreement=agreement,
                )
                for agreement in decisions.order_by("decided_on", "id")
            ],
            ORDER_DECISIONS,
        )
    ]
    commitments = list(
        Commitment.objects.filter(project=project, status=Commitment.Status.OPEN)
        .select_related("owner_member__user", "owner_contact")
        .order_by("due_date", "id")
    )
    overdue = [item for item in commitments if item.due_date < today]
    upcoming = [item for item in commitments if item.due_date >= today]
    sections.append(
        AgendaSection(
            AgendaItem.Section.COMMITMENTS,
            _("Open commitments of both sides"),
            [
                AgendaEntry(
                    ("⚠ " + _("overdue") + ": " if item.due_date < today else "")
                    + f"{item.title} — {item.owner_name or item.get_side_display()} ({item.get_side_display()}), "
                    + f"{item.due_date:%Y-%m-%d}",
                    commitment=item,
                )
                for item in overdue + upcoming
            ],
            ORDER_COMMITMENTS,
        )
    )
    for module in app_modules("agenda"):
        if module.__name__ == __name__:
            continue
        for section in module.agenda_sections(project):
            if isinstance(section, dict):
                section = AgendaSection(**section)
            sections.append(section)
    sections.append(
        AgendaSection(
            AgendaItem.Section.TOPICS, _("Today's topics"), list(topics or []), ORDER_TOPICS
        )
    )
    return sorted(sections, key=lambda section: section.order)


def agenda_sections(project) -> list[AgendaSection]:
    """The meetings app itself adds nothing to other meetings' agendas."""
    return []
