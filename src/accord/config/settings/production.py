"""Settings for Accord on the internet: HTTPS only, secure cookies, HSTS, SMTP from the environment.

    DJANGO_SETTINGS_MODULE=accord.config.settings.production

Required: ``SECRET_KEY`` (or the generated key file in the data dir), ``ACCORD_ALLOWED_HOSTS``,
``ACCORD_EMAIL_HOST``. ``python -m django check --deploy`` is clean with these settings.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_flag

DEBUG = False

if not os.environ.get("ACCORD_ALLOWED_HOSTS"):
    raise ImproperlyConfigured("Set ACCORD_ALLOWED_HOSTS to the host names Accord answers to.")

# HTTPS everywhere. Behind a TLS-terminating proxy set ACCORD_BEHIND_PROXY=1 (the proxy must set
# X-Forwarded-Proto and strip it from clients).
SECURE_SSL_REDIRECT = env_flag("ACCORD_SSL_REDIRECT", default=True)
if env_flag("ACCORD_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_HSTS_SECONDS = int(os.environ.get("ACCORD_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("ACCORD_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_flag("ACCORD_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Mail leaves through SMTP configured from the environment.
_host = os.environ.get("ACCORD_EMAIL_HOST", "")
if not _host and not os.environ.get("ACCORD_EMAIL_BACKEND"):
    raise ImproperlyConfigured("Set ACCORD_EMAIL_HOST (and the other ACCORD_EMAIL_* variables).")
