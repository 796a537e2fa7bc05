"""Rendered pages kept while the data they show has not changed.

The heaviest read pages (the dashboard, the project page, a project's timeline, the case list)
run a dozen queries and render hundreds of rows; with a team clicking through them, most
requests render what the previous one rendered. ``cached_page`` keeps the rendered body of such
a GET response in the ``pages`` cache under a key made of:

- the **data version**: one value for the whole installation, replaced after every committed
  write to Accord's tables (``note_write``, installed on every database connection, sees each
  INSERT, UPDATE and DELETE, whether it comes from a model's save, a queryset's ``update`` or raw
  SQL, in the web workers and in the task consumer alike). A page is therefore never older than
  the data: the first request after a write renders afresh;
- who asks and how: the member (their workspace and role come with it), the language, the time
  zone, the local date (a deadline becomes overdue at midnight without any write), whether htmx
  asks for a fragment, and the full path with its query string.

What differs between two requests for the same page is filled in when it is served: the CSRF
token and the CSP nonce are rendered as placeholders (``placeholders`` context processor) and
replaced by the request's own. A request with messages to show (after a redirect) is rendered
afresh and not kept. Entries expire after ``ACCORD_PAGE_CACHE_SECONDS`` (300), so times shown
relative to now ("3 hours ago") lag by at most that.

Writes to tables that no kept page shows (sessions, the database cache, login attempts, an API
token's last-use stamp, the periodic tasks' heartbeat) and UPDATEs or DELETEs that changed no row
do not change the version; otherwise every sign-in, and the consumer's sweep every minute, would
empty the cache. Bulk loads that bypass the cursor (PostgreSQL ``COPY`` in ``accord demo
--scale``) and migrations call ``data_changed``.

The cache is on when a shared cache is configured (``REDIS_URL``): the version must be the same
for every process. Without Redis (the embedded SQLite setup), it is off.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

ALIAS = "pages"
VERSION_KEY = "page-data-version"
CSRF_PLACEHOLDER = "accord-csrf-placeholder-7d0c5e1a"
NONCE_PLACEHOLDER = "accord-nonce-placeholder-3b9f24c6"
# Tables written on reads, sign-ins or the consumer's minutely sweep (the session, login attempts,
# a token's "last used" stamp, the periodic tasks' heartbeat) whose rows no kept page shows.
IGNORED_TABLE_PREFIXES = ("django_session", "axes_", "api_apitoken", "core_heartbeat")
HEADER = "X-Accord-Page-Cache"

_WRITE = re.compile(
    r'^\s*(?P<verb>INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(?P<table>[\w.]+)"?',
    re.IGNORECASE,
)


def enabled() -> bool:
    return bool(getattr(settings, "ACCORD_PAGE_CACHE", False))


def _cache():
    return caches[ALIAS]


def data_version() -> str:
    """The current data version (made when there is none yet)."""
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return str(version)


def data_changed() -> None:
    """Every page kept so far is out of date: replace the data version.

    A cache that cannot be reached does not fail the write that was just committed: the pages
    are then rendered afresh (``cached_page`` reads nothing from an unreachable cache), and the
    entries expire within ``ACCORD_PAGE_CACHE_SECONDS`` of its return."""
    if not enabled():
        return
    try:
        _cache().set(VERSION_KEY, str(time.time_ns()), None)
    except Exception:
        logger.warning("page cache: the data version could not be replaced", exc_info=True)


def _ignored_tables() -> tuple[str, ...]:
    tables = list(IGNORED_TABLE_PREFIXES)
    for config in settings.CACHES.values():
        if config.get("BACKEND", "").endswith("DatabaseCache"):
            tables.append(config["LOCATION"])
    return tuple(tables)


def _write(sql: str) -> re.Match | None:
    """The statement's verb and table when ``sql`` changes rows that a page may show."""
    match = _WRITE.match(sql)
    if match is None or match["table"].startswith(_ignored_tables()):
        return None
    return match


def is_write(sql: str) -> bool:
    """Whether ``sql`` changes rows that a page may show."""
    return _write(sql) is not None


def _changed_nothing(write: re.Match, cursor) -> bool:
    if getattr(cursor, "rowcount", -1) != 0:
        return False
    verb = write["verb"][:6].upper()
    return verb in ("UPDATE", "DELETE") and "RETURNING" not in write.string.upper()


def note_write(execute, sql, params, many, context):
    """Execute wrapper: after a committed write, ``data_changed``."""
    result = execute(sql, params, many, context)
    write = _write(sql) if isinstance(sql, str) and enabled() else None
    if write is not None:
        # An UPDATE or DELETE that changed no row (a sweep finding nothing to release) changes
        # no page. (With RETURNING, the row count is known only once the rows are read.)
        if _changed_nothing(write, context["cursor"]):
            return result
        connection = context["connection"]
        connection.accord_wrote = True
        if not connection.in_atomic_block:
            data_changed()
        # Once per transaction (a savepoint rolled back takes its callbacks with it).
        elif not any(entry[1] is data_changed for entry in connection.run_on_commit):
            transaction.on_commit(data_changed, using=connection.alias)
    return result


def install(connection, **_kwargs) -> None:
    """``connection_created`` receiver: watch this connection's writes."""
    # First in the list: a connection opened inside a ``connection.execute_wrapper`` block (the
    # query counter around a request) has that block's wrapper popped off the end when it ends.
    if note_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, note_write)


def placeholders(request: HttpRequest) -> dict:
    """Context processor: while a page is rendered for the cache, the per-request values are
    placeholders that ``cached_page`` fills in."""
    if getattr(request, "accord_page_placeholders", False):
        return {"csrf_token": CSRF_PLACEHOLDER, "csp_nonce": NONCE_PLACEHOLDER}
    return {}


def _key(request: HttpRequest, name: str, version: str) -> str:
    parts = "|".join(
        (
            version,
            name,
            str(request.member.pk),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
            "htmx" if getattr(request, "htmx", False) else "page",
            request.get_full_path(),
        )
    )
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def _cacheable(request: HttpRequest) -> bool:
    if not enabled() or request.method != "GET" or getattr(request, "member", None) is None:
        return False
    from django.contrib.messages import get_messages

    # Messages are shown once: a page that shows them is neither served from nor kept in the
    # cache (reading the storage's length leaves them for the page).
    return not len(get_messages(request))


def _filled(request: HttpRequest, body: bytes) -> bytes:
    from django.middleware.csrf import get_token

    if CSRF_PLACEHOLDER.encode() in body:
        body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    if NONCE_PLACEHOLDER.encode() in body:
        nonce = getattr(request, "_csp_nonce", None)
        body = body.replace(NONCE_PLACEHOLDER.encode(), str(nonce or "").encode())
    return body


def _wrote() -> bool:
    return any(getattr(connections[alias], "accord_wrote", False) for alias in connections)


def kept_response(
    request: HttpRequest, name: str, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """``render()``'s response, or the one kept for this request while the data version is the
    same (see the module docstring)."""
    if not _cacheable(request):
        return render()
    # The version is read before the view reads any data: a write committed while the page
    # renders leaves the entry under the old version, never served again.
    try:
        key = _key(request, name, data_version())
        kept = _cache().get(key)
    except Exception:
        logger.warning("page cache unreachable; rendering afresh", exc_info=True)
        return render()
    if kept is not None:
        headers, body = kept
        response = HttpResponse(_filled(request, body), headers=headers)
        response[HEADER] = "hit"
        return response
    for alias in connections:
        connections[alias].accord_wrote = False
    request.accord_page_placeholders = True
    try:
        response = render()
    finally:
        request.accord_page_placeholders = False
    if (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _wrote()
    ):
        headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
        try:
            _cache().set(key, (headers, response.content), settings.ACCORD_PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("page cache: a page could not be kept", exc_info=True)
    if not response.streaming:
        response.content = _filled(request, response.content)
    response[HEADER] = "miss"
    return response


def cached_page(name: str) -> Callable:
    """Serve the view's 200 GET responses from the ``pages`` cache while the data version is
    the same (see the module docstring)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            return kept_response(request, name, lambda: view(request, *args, **kwargs))

        return wrapper

    return decorator
