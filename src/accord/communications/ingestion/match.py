"""Matching addresses to contacts, clients and projects, with per-import caches."""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.clients.models import Client, ContactEmail
from accord.projects.models import Project


@dataclass
class Matcher:
    """Looks people and projects up once per workspace, so a batch of 10,000 stays cheap."""

    workspace: object
    _contacts: dict[str, object] = field(default_factory=dict)
    _domains: dict[str, int] = field(default_factory=dict)
    _projects: dict[int, list[Project]] = field(default_factory=dict)
    _team_addresses: set[str] = field(default_factory=set)
    _team_domains: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for email in ContactEmail.objects.filter(workspace=self.workspace).select_related(
            "contact"
        ):
            self._contacts[email.address.lower()] = email.contact
        for client in Client.objects.filter(workspace=self.workspace).only("id", "email_domains"):
            for domain in client.email_domains or []:
                self._domains[domain.lower()] = client.pk
        for project in (
            Project.objects.filter(workspace=self.workspace)
            .exclude(status__in=[Project.Status.COMPLETED, Project.Status.CANCELLED])
            .order_by("-start_date", "-id")
        ):
            self._projects.setdefault(project.client_id, []).append(project)
        from accord.workspaces.models import Member

        self._team_addresses = {
            address.lower()
            for address in Member.objects.filter(workspace=self.workspace).values_list(
                "user__email", flat=True
            )
            if address
        }
        self._team_domains = {
            domain.lower() for domain in (self.workspace.team_email_domains or [])
        }

    def contact(self, address: str):
        return self._contacts.get((address or "").lower())

    def client_id_for(self, address: str) -> int | None:
        contact = self.contact(address)
        if contact is not None:
            return contact.client_id
        domain = (address or "").rpartition("@")[2].lower()
        return self._domains.get(domain)

    def is_team(self, address: str) -> bool:
        address = (address or "").lower()
        return address in self._team_addresses or address.rpartition("@")[2] in self._team_domains

    def project_for(self, client_id: int | None, subject: str) -> Project | None:
        projects = self._projects.get(client_id or -1, [])
        if len(projects) == 1:
            return projects[0]
        lowered = (subject or "").lower()
        named = [project for project in projects if project.name.lower() in lowered]
        return named[0] if len(named) == 1 else (projects[0] if projects else None)
