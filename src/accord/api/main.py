"""Accord's HTTP API, version 1, served under ``/api/v1/``.

Authentication: a member's token (``Authorization: Bearer acc_…``, created on the API tokens
page) is tried first, then the browser session (writes need the session's CSRF token). Every
object is looked up inside the caller's workspace: another workspace's id is a 404.

Errors are JSON, ``{"detail": "…", "errors": [{"field": "budget", "location": "body",
"message": "…"}]}``: 401 without credentials, 403 for a role that may not do it, 404 for an
unknown (or foreign) object, 422 for invalid input with the field named.

How an app adds its endpoints
-----------------------------
Give the app a module ``<app>/api.py`` with a ninja ``Router`` called ``router`` and the path it
is mounted at, ``API_PREFIX``::

    # accord/billing/api.py
    from ninja import Router
    from accord.api.permissions import api_member          # the caller's Member (404/403 helpers)
    from accord.api.schemas import model_type, Date, Id     # limits derived from model fields
    from accord.api.listing import Pagination, ordering_param, order_by

    API_PREFIX = "/invoices"
    router = Router(tags=["invoices"])

    @router.get("/", response=list[InvoiceOut])
    @paginate(Pagination)
    def invoice_list(request): ...

An app with more than one resource adds ``API_ROUTERS = [("/contacts", contacts_router)]``.
Nothing else is needed: every ``accord.*`` app's ``api`` module with those two names is mounted
here when Django starts (in the order of ``INSTALLED_APPS``), and appears in
``/api/v1/openapi.json`` and the docs at ``/api/v1/docs``. Operation ids are the view function
names, so keep them unique (``invoice_list``, ``invoice_get``, …). Authentication and error
handling are inherited from this API; don't set ``auth`` on a router.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from ninja import NinjaAPI

from .auth import api_auth
from .errors import install_error_handlers

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "location": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    },
    "required": ["detail"],
}
ERROR_RESPONSES = {
    "400": "Malformed request.",
    "401": "No valid token or session.",
    "403": "Not allowed for this member's role (or the CSRF check failed).",
    "404": "No such object in the caller's workspace.",
    "409": "The object changed meanwhile or conflicts with another.",
    "422": "Invalid input; ``errors`` names each field.",
    "429": "Too many requests.",
}


class AccordAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = ERROR_SCHEMA
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


def _discovered_routers() -> list[tuple[str, Any]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("accord.") or config.name == "accord.api":
            continue
        try:
            module = importlib.import_module(f"{config.name}.api")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.api":
                raise
            continue
        router = getattr(module, "router", None)
        prefix = getattr(module, "API_PREFIX", None)
        if router is not None and prefix:
            found.append((prefix, router))
        found.extend(getattr(module, "API_ROUTERS", ()))
    return found


def build_api() -> AccordAPI:
    api = AccordAPI(
        title="Accord API",
        version="1",
        description=(__doc__ or "").split("How an app adds")[0].strip(),
        auth=api_auth(),
        urls_namespace="api-v1",
    )
    install_error_handlers(api)
    from . import endpoints

    api.add_router("/", endpoints.router)
    for prefix, router in _discovered_routers():
        api.add_router(prefix, router)
    return api


api = build_api()
