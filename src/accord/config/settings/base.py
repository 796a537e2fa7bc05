"""Base settings: everything comes from the environment or the data directory."""

from __future__ import annotations

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("ACCORD_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY from the environment, else generated once and kept in the data dir."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_flag("ACCORD_DEBUG")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ACCORD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("ACCORD_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "huey.contrib.djhuey",
    "axes",
    # ninja's own static files: the API docs (Swagger UI) work offline.
    "ninja",
    "accord.core",
    "accord.workspaces",
    "accord.clients",
    "accord.projects",
    "accord.agreements",
    "accord.communications",
    "accord.triage",
    "accord.situations",
    "accord.meetings",
    "accord.changes",
    "accord.drafts",
    "accord.billing",
    "accord.feedback",
    "accord.health",
    "accord.reports",
    "accord.api",
    "accord.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accord.workspaces.middleware.CurrentMemberMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a rate limit (django-ratelimit) into a 429 page (RATELIMIT_VIEW).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]

# The load benchmark reads each request's query count from a response header; off otherwise.
if env_flag("ACCORD_QUERY_COUNT_HEADER"):
    MIDDLEWARE.insert(0, "accord.core.querycount.QueryCountMiddleware")

ROOT_URLCONF = "accord.config.urls"
WSGI_APPLICATION = "accord.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accord.workspaces.context_processors.current_member",
                # Last: placeholders for the per-request values of a page kept in the cache.
                "accord.core.pagecache.placeholders",
            ],
            # The display filters (human names for ids) are available in every template.
            "builtins": ["accord.core.templatetags.accord_display"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'accord.sqlite3'}",
        conn_max_age=int(os.environ.get("ACCORD_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task consumer share the file.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Querysets are read whole: no server-side cursor (its DECLARE and CLOSE are two more round
    # trips for every form's model choices, and a pooler in transaction mode cannot keep one).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # No JIT compilation: Accord's queries are short page queries. When the statistics lag
    # behind a bulk write (3,000 health scores at N=1, before autovacuum's ANALYZE), PostgreSQL's
    # estimate for the dashboard's risk order crossed jit_above_cost and it spent 77 ms compiling
    # a query that runs in 17 ms; with fresh statistics it does not compile, and never needs to.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after ACCORD_LOGIN_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is locked out for ACCORD_LOGIN_COOLOFF_MINUTES. Attempts
# are counted in the database, so every gunicorn worker sees the same count.
# Signed-in requests load the user with their memberships in one query (MemberBackend, otherwise
# Django's ModelBackend).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accord.workspaces.backends.MemberBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ACCORD_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("ACCORD_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "accord.core.views.login_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Lockouts and rate limits count per client address; behind a reverse proxy that address comes
# from X-Forwarded-For, believed only when the peer is one of ACCORD_TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "accord.core.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "accord.core.client_ip.client_ip"
ACCORD_TRUSTED_PROXIES = [
    entry.strip()
    for entry in os.environ.get("ACCORD_TRUSTED_PROXIES", "").split(",")
    if entry.strip()
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("pl", _("Polish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("ACCORD_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
# The CSRF secret lives in the session, not in a cookie the caller could set to a value of their
# choosing: a self-made cookie and header pair never passes. Pages send the token from
# ``{% csrf_token %}`` (htmx reads it from ``hx-headers`` on <body>).
CSRF_USE_SESSIONS = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_flag("ACCORD_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (Django's own middleware): scripts and styles from this site only; no
# inline scripts or handlers (page behaviour lives in static files such as core/accord.js);
# inline style attributes are allowed; pictures from this site or data: URLs (charts, docs).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Paths of links sent to clients whose last segment is a secret token: masked in every log line.
ACCORD_SECRET_URL_PREFIXES = ("/changes/decide/",)

# E-mail: console by default; SMTP when ACCORD_EMAIL_HOST is set; any backend by ACCORD_EMAIL_BACKEND.
_EMAIL_HOST = os.environ.get("ACCORD_EMAIL_HOST", "")
_EMAIL_BACKEND = os.environ.get(
    "ACCORD_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if _EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
_EMAIL_OPTIONS: dict = {}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    _EMAIL_OPTIONS = {
        "host": _EMAIL_HOST or "localhost",
        "port": int(os.environ.get("ACCORD_EMAIL_PORT", "587")),
        "username": os.environ.get("ACCORD_EMAIL_USER", ""),
        "password": os.environ.get("ACCORD_EMAIL_PASSWORD", ""),
        "use_tls": env_flag("ACCORD_EMAIL_USE_TLS", default=not env_flag("ACCORD_EMAIL_USE_SSL")),
        "use_ssl": env_flag("ACCORD_EMAIL_USE_SSL"),
        "timeout": 30,
    }
elif _EMAIL_BACKEND.endswith("filebased.EmailBackend"):
    _EMAIL_OPTIONS = {
        "file_path": os.environ.get("ACCORD_EMAIL_FILE_PATH", str(DATA_DIR / "sent-mail"))
    }
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
# Mail files uploaded on the import page: the largest one accepted (bytes, per file).
ACCORD_MAIL_UPLOAD_MAX_BYTES = int(os.environ.get("ACCORD_MAIL_UPLOAD_MAX_BYTES", "26214400"))
DEFAULT_FROM_EMAIL = os.environ.get("ACCORD_DEFAULT_FROM_EMAIL", "accord@localhost")

# Triage: after the fast reading of new messages, a background task reads them again with the
# multilingual sentence encoder (about 40 messages a second) and keeps that refined result.
ACCORD_TRIAGE_REFINE = env_flag("ACCORD_TRIAGE_REFINE", default=True)

# Background work: Huey on SQLite in the data dir, or Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("ACCORD_HUEY_NAME", "accord"),
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "accord",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_secrets": {"()": "accord.core.logs.MaskSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("ACCORD_LOG_LEVEL", "INFO")},
    # The Huey consumer installs its own handler; don't print every line twice.
    "loggers": {
        "huey": {"handlers": [], "propagate": False, "level": "INFO"},
        # WeasyPrint logs every layout step at INFO; only its warnings matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# A cache every worker shares: rate limits count across gunicorn workers (Redis, or the database).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("ACCORD_CACHE_URL", REDIS_URL),
            "KEY_PREFIX": os.environ.get("ACCORD_HUEY_NAME", "accord"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "accord_cache",
        }
    }

# Rendered pages kept until the data changes (accord.core.pagecache): on by default with Redis,
# where every process sees the same data version; the entries live beside the default cache's.
ACCORD_PAGE_CACHE = env_flag("ACCORD_PAGE_CACHE", default=bool(REDIS_URL))
ACCORD_PAGE_CACHE_SECONDS = int(os.environ.get("ACCORD_PAGE_CACHE_SECONDS", "300"))
CACHES["pages"] = {
    **CACHES["default"],
    "KEY_PREFIX": CACHES["default"].get("KEY_PREFIX", "accord") + "-pages",
}

# Rendered charts are kept per process: a speed-up only, nothing to share between workers.
CACHES["charts"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}

# With Redis, a signed-in request reads its session from the shared cache (written through to
# the database, so a restart of Redis signs nobody out): one database query less per request.
# Without Redis the database alone (a database cache would be a query all the same).
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

RATELIMIT_VIEW = "accord.core.views.rate_limited"

# Webhooks go only to public addresses; loopback (for a receiver on the same machine) and private
# networks must be allowed explicitly.
ACCORD_WEBHOOKS_ALLOW_LOOPBACK = env_flag("ACCORD_WEBHOOKS_ALLOW_LOOPBACK")
ACCORD_WEBHOOKS_ALLOW_PRIVATE = env_flag("ACCORD_WEBHOOKS_ALLOW_PRIVATE")

NINJA_PAGINATION_PER_PAGE = 50

# Static files are served by WhiteNoise straight from the installed apps: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Health: seconds to wait after a change before recomputing (changes in between are merged).
ACCORD_HEALTH_DEBOUNCE_SECONDS = int(os.environ.get("ACCORD_HEALTH_DEBOUNCE_SECONDS", "30"))
# Health: points a score must move within its band before the health.changed webhook is raised.
ACCORD_HEALTH_CHANGE_POINTS = int(os.environ.get("ACCORD_HEALTH_CHANGE_POINTS", "10"))
