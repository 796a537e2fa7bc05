"""The HTTP API lives in ``accord.api`` (see ``accord.api.main`` for how apps add endpoints)."""

from accord.api.main import api

__all__ = ["api"]
