"""Demo meetings: a held one with minutes sent, and a planned one whose agenda starts from it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accord.projects.models import Project
from accord.workspaces.models import Member

from . import services
from .models import Meeting


def demo_load(workspace) -> None:
    project = (
        Project.objects.filter(workspace=workspace, name="Nowy sklep internetowy")
        .select_related("client")
        .first()
    )
    if project is None or Meeting.objects.filter(project=project).exists():
        return
    owner = Member.objects.filter(workspace=workspace, role="owner").select_related("user").first()
    actor = owner.user if owner else None
    contacts = {contact.name: contact for contact in project.client.contacts.all()}
    boss, manager = contacts.get("Tomasz Kowalski"), contacts.get("Katarzyna Wiśniewska")
    team = list(Member.objects.filter(workspace=workspace, user__username__in=["piotr.dev"]))
    today = timezone.localdate()
    held = services.meeting_create(
        project=project,
        actor=actor,
        title="Przegląd makiet",
        kind="demo",
        starts_at=timezone.now() - datetime.timedelta(days=4, hours=3),
        duration_minutes=60,
        location="https://meet.example/meble",
        contacts=[c for c in (boss, manager) if c],
        members=team,
        topics=["Makiety stron produktu i koszyka"],
    )
    services.minutes_record(
        meeting=held,
        actor=actor,
        discussed="Makiety strony produktu\nKoszyk i płatności\nHarmonogram katalogu",
        decisions=[
            services.DecisionInput("Filtr po kolorze tkaniny w katalogu", boss),
            services.DecisionInput("Koszyk bez rejestracji konta", manager),
        ],
        actions=[
            services.ActionInput(
                "Przekazać listę kolorów tkanin",
                "client",
                today + datetime.timedelta(days=3),
                owner_contact=manager,
            ),
            services.ActionInput(
                "Przygotować filtr kolorów na serwerze testowym",
                "ours",
                today + datetime.timedelta(days=8),
                owner_member=team[0] if team else None,
            ),
        ],
    )
    services.minutes_send(meeting=held, actor=actor)
    services.meeting_create(
        project=project,
        actor=actor,
        title="Spotkanie dwutygodniowe",
        kind="call",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        duration_minutes=45,
        location="https://meet.example/meble",
        contacts=[c for c in (manager,) if c],
        members=team,
        topics=["Katalog: postęp", "Zdjęcia produktów"],
    )
