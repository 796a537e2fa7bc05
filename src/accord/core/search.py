"""The top bar's search: clients, projects, agreements and messages of the member's workspace.

Every section is one bounded query: names and decisions by a case-insensitive match (few rows
per workspace), messages by PostgreSQL's full-text search over the GIN index of migration
communications 0005 (substring match on SQLite), paged by keyset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SECTION_ROWS = 10
MESSAGE_ROWS = 20
QUERY_MAX_LENGTH = 200


@dataclass
class SearchResults:
    query: str
    clients: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    messages: object = None

    @property
    def empty(self) -> bool:
        return not (self.clients or self.projects or self.agreements or self.messages)


def workspace_search(*, member, query: str, cursor: str = "") -> SearchResults:
    from accord.agreements.models import Agreement
    from accord.clients.models import Client
    from accord.communications.selectors import interaction_list, keyset_page
    from accord.projects.models import Project

    query = " ".join((query or "").split())[:QUERY_MAX_LENGTH]
    if not query:
        return SearchResults(query="")
    workspace = member.workspace
    results = SearchResults(query=query)
    # Names and decisions only on the first page; the following pages go on with the messages.
    if not cursor:
        results.clients = list(
            Client.objects.filter(workspace=workspace, name__icontains=query).order_by(
                "name", "id"
            )[:SECTION_ROWS]
        )
        results.projects = list(
            Project.objects.filter(workspace=workspace, name__icontains=query)
            .select_related("client")
            .order_by("name", "id")[:SECTION_ROWS]
        )
        results.agreements = list(
            Agreement.objects.filter(workspace=workspace, title__icontains=query)
            .select_related("project")
            .order_by("-id")[:SECTION_ROWS]
        )
    results.messages = keyset_page(
        interaction_list(workspace=workspace, query=query), cursor=cursor, size=MESSAGE_ROWS
    )
    return results
