"""Secrets never reach the logs: tokens in client links are masked in every log line."""

from __future__ import annotations

import logging
import re
from functools import cache

from django.conf import settings

MASK = "***"


@cache
def _secret_path_pattern() -> re.Pattern:
    prefixes = getattr(settings, "ACCORD_SECRET_URL_PREFIXES", ("/changes/decide/",))
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(rf"({alternatives})[^/\s?\"']+")


def mask_secrets(text: str) -> str:
    """``/changes/decide/<token>/`` -> ``/changes/decide/***/`` (and the other secret links)."""
    return _secret_path_pattern().sub(rf"\1{MASK}", text)


class MaskSecretsFilter(logging.Filter):
    """A logging filter for every handler: rewrites the message with tokens masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - never lose a log line over formatting
            return True
        masked = mask_secrets(message)
        if masked != message:
            record.msg = masked
            record.args = ()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # django.request attaches the request; its path is printed by some formatters.
            record.request_path = mask_secrets(request.path)
        return True


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover - gunicorn is a dependency
    _GunicornLogger = object


class GunicornLogger(_GunicornLogger):
    """gunicorn's logger with the request line, path and URL masked in the access log."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{raw_uri}e"):
            if key in atoms and isinstance(atoms[key], str):
                atoms[key] = mask_secrets(atoms[key])
        return atoms
