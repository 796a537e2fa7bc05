"""The HTTP API: one NinjaAPI, one router per app, session or token authentication."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import SessionAuth

from accord.core.api_auth import MemberTokenAuth

api = NinjaAPI(
    title="Accord API",
    version="1",
    auth=[SessionAuth(), MemberTokenAuth()],
    urls_namespace="api",
)

# Each app contributes a router; the list is explicit so the API surface is visible here.
from accord.agreements.api import router as agreements_router  # noqa: E402
from accord.billing.api import router as billing_router  # noqa: E402
from accord.changes.api import router as changes_router  # noqa: E402
from accord.clients.api import router as clients_router  # noqa: E402
from accord.communications.api import router as communications_router  # noqa: E402
from accord.meetings.api import router as meetings_router  # noqa: E402
from accord.projects.api import router as projects_router  # noqa: E402
from accord.situations.api import router as situations_router  # noqa: E402
from accord.triage.api import router as triage_router  # noqa: E402

api.add_router("/clients", clients_router)
api.add_router("/projects", projects_router)
api.add_router("/agreements", agreements_router)
api.add_router("/communications", communications_router)
api.add_router("/triage", triage_router)
api.add_router("/cases", situations_router)
api.add_router("/meetings", meetings_router)
api.add_router("/changes", changes_router)
api.add_router("/billing", billing_router)
