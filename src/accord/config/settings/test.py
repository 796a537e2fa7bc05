"""Test settings: the real database from DATABASE_URL (SQLite file by default)."""

import os
import tempfile

os.environ.setdefault("ACCORD_DATA_DIR", tempfile.mkdtemp(prefix="accord-test-"))
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from .base import *  # noqa: E402,F403
from .base import DATA_DIR, HUEY  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run in-process during tests; a dedicated test drives a real consumer.
HUEY = {**HUEY, "immediate": True}
ACCORD_HEALTH_DEBOUNCE_SECONDS = 0
# The encoder's second reading costs ~25 ms a message and a second to load per process: tests
# of imports read with the fast path; the triage tests switch the refined reading on for real.
ACCORD_TRIAGE_REFINE = False
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test starts with empty rate-limit counters: the database cache rolls back with the test.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "accord_cache",
    }
}
CACHES["charts"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# Pages are rendered afresh in tests unless a test turns the page cache on (the page_cache
# fixture), so that every other test sees exactly what its request computes.
ACCORD_PAGE_CACHE = False
CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
# Sessions in the database, as without Redis, whatever the environment says.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
