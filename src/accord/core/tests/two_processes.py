"""Shared setup of the tests where two real processes use one PostgreSQL database at once.

SQLite's test database lives in the memory of the test process, so other processes cannot reach
it: such tests need PostgreSQL and are never skipped when DATABASE_URL names it.
"""

import os

import pytest
from django.db import connection

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

marks = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL): two processes share one database"
    ),
]


def child_environment() -> dict[str, str]:
    """The environment a child process needs to reach the test database of this one."""
    settings = connection.settings_dict
    assert connection.vendor == "postgresql"
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    url = f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "accord.config.settings.test",
        "ACCORD_DATA_DIR": os.environ["ACCORD_DATA_DIR"],
        "SECRET_KEY": os.environ.get("SECRET_KEY", "test"),
    }
