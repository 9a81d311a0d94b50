"""Settings for the intranet, read from the environment.

With nothing set this is the embedded default: SQLite in WAL mode, the in-memory
channel layer, database search, a database-backed task queue and local media.
`DATABASE_URL`, `REDIS_URL` and `SEARCH_URL` switch each part to its production
engine. docs/operations.md lists every variable.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from intranet.core.conf import DEFAULTS as SUITE
from intranet.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("DATA_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if DEBUG:
    SECRET_KEY = SECRET_KEY or "insecure-local-trial-key"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]
else:
    _missing = [name for name, value in (("SECRET_KEY", SECRET_KEY),
                                         ("ALLOWED_HOSTS", ALLOWED_HOSTS)) if not value]
    if _missing:
        raise ImproperlyConfigured(
            f"{' and '.join(_missing)} must be set when DEBUG is off "
            "(see docs/operations.md), or set DEBUG=1 for a local trial."
        )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
BASE_URL = env_str("BASE_URL", SUITE["BASE_URL"]).rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "intranet",
    "intranet.core",
    "intranet.accounts",
    "intranet.people",
    "intranet.groups",
    "intranet.feeds",
    "intranet.announcements",
    "intranet.search",
    "intranet.plugins",
    "intranet.moderation",
    "intranet.analytics",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.sites",
    "intranet.groups.wagtail_users.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "channels",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "intranet.core.probes.ProbesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "intranet.core.headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "intranet.core.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "intranet.accounts.middleware.IdleSessionMiddleware",
    "intranet.people.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "intranet.core.request_metrics.RequestMetricsMiddleware",
    "intranet.accounts.middleware.LoginRequiredMiddleware",
    "intranet.accounts.middleware.TwoFactorMiddleware",
    "intranet.feeds.middleware.EventCursorMiddleware",
    "intranet.analytics.middleware.ActiveDayMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "intranet.urls"
ASGI_APPLICATION = "intranet.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Databases: SQLite in WAL mode by default, so the web process and the worker read and
# write side by side; IMMEDIATE transactions avoid lock upgrades that fail under load.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # A file, not memory, so that tests can start workers that share the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif env_int("DATABASE_POOL_SIZE", 0):
    # A pool of connections per process (psycopg's): requests beyond it wait their turn
    # instead of opening more connections than PostgreSQL accepts.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2, "max_size": env_int("DATABASE_POOL_SIZE", 0),
        "timeout": env_float("DATABASE_POOL_TIMEOUT", 30.0)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")

if REDIS_URL:
    # Prefixed, since the same Redis database holds the task store.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL, "KEY_PREFIX": "intranet-cache"}}
    # The pub/sub layer by default: measured faster for the large `company` group
    # (docs/performance.md). The core layer needs its pool raised above redis-py 8's
    # default of 100 connections, or `group_add` fails when many sockets connect at once.
    CHANNEL_LAYER = env_str("CHANNEL_LAYER", "pubsub")
    if CHANNEL_LAYER not in ("pubsub", "core"):
        raise ImproperlyConfigured("CHANNEL_LAYER must be 'pubsub' or 'core'.")
    CHANNEL_LAYERS = {"default": {
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL]},
    } if CHANNEL_LAYER == "pubsub" else {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": REDIS_URL,
                              "max_connections": env_int("REDIS_MAX_CONNECTIONS", 2000)}],
                   "capacity": 1000},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Background work behind Django's task API: RQ (a kept distributed queue, through
# django-tasks-rq) when REDIS_URL is set, the database queue otherwise, unless TASK_STORE
# says which (docs/operations.md).
TASK_STORE = env_str("TASK_STORE") or ("redis" if REDIS_URL else "database")
if TASK_STORE not in ("database", "redis") or (TASK_STORE == "redis" and not REDIS_URL):
    raise ImproperlyConfigured("TASK_STORE must be 'database', or 'redis' with REDIS_URL set.")
TASK_OPTIONS = {
    "max_attempts": env_int("TASK_MAX_ATTEMPTS", 5),
    "backoff_seconds": env_float("TASK_BACKOFF_SECONDS", 10.0),
    "backoff_max_seconds": env_float("TASK_BACKOFF_MAX_SECONDS", 3600.0),
    "lease_seconds": env_float("TASK_LEASE_SECONDS", 60.0),
    "timeout_seconds": env_int("TASK_TIMEOUT_SECONDS", 3600),
    "result_seconds": env_int("TASK_RESULT_SECONDS", 86400),
}
TASK_QUEUES = SUITE["TASKS"]["default"]["QUEUES"]
if TASK_STORE == "redis":
    RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": TASK_OPTIONS["timeout_seconds"]}
                 for name in TASK_QUEUES}
    TASKS = {"default": {"BACKEND": "intranet.core.background.rq_backend.RQQueueBackend",
                         "QUEUES": TASK_QUEUES, "OPTIONS": TASK_OPTIONS}}
else:
    TASKS = {"default": {"BACKEND": "intranet.core.background.backend.QueueBackend",
                         "QUEUES": TASK_QUEUES, "OPTIONS": TASK_OPTIONS}}

AUTH_USER_MODEL = "intranet_accounts.User"
AUTHENTICATION_BACKENDS = [
    "intranet.accounts.signin.SignInLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
    "intranet.accounts.sso.backend.SignOnBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"
GUARDIAN_RAISE_403 = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# A session lasts two weeks at most, and ends after this long without a request.
SESSION_COOKIE_AGE = env_int("SESSION_DAYS", 14) * 24 * 3600
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 8 * 60)
# Everyone who can reach the Wagtail admin gives a code from an app after their password
# (off in the demo, which runs with DEBUG).
TWO_FACTOR_FOR_ADMIN = env_bool("TWO_FACTOR_FOR_ADMIN", not DEBUG)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Intranet")
TWO_FACTOR_TRUST_PROVIDER = env_bool("TWO_FACTOR_TRUST_PROVIDER", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# Sent on HTTPS responses only: browsers then refuse plain HTTP to the site for a year.
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")
LANGUAGES = [("en", "English"), ("fr", "Français")]
# Where `make messages` writes the suite's catalogue (Django finds it in the app anyway).
LOCALE_PATHS = [PROJECT_DIR / "core" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start-up without it
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or DATA_DIR / "private-media")
# When set (e.g. "/protected/"), private files are handed to the web server with
# X-Accel-Redirect under this prefix instead of being streamed by Django.
PRIVATE_MEDIA_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_ACCEL_REDIRECT")
# The same for Wagtail's images and documents (MEDIA_ROOT), also served only after the
# read policy of the pages using them said yes.
MEDIA_ACCEL_REDIRECT = {"private": PRIVATE_MEDIA_ACCEL_REDIRECT,
                        "default": env_str("MEDIA_ACCEL_REDIRECT")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-media/"},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", SUITE["MAX_IMAGE_UPLOAD_BYTES"])
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Intranet")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The admin asks no outside site for anything (no Gravatar, no check for a newer Wagtail)
# unless this allows it (docs/operations.md).
ADMIN_OUTSIDE_REQUESTS = env_bool("ADMIN_OUTSIDE_REQUESTS", SUITE["ADMIN_OUTSIDE_REQUESTS"])

SEARCH_URL = env_str("SEARCH_URL", SUITE["SEARCH_URL"])
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", SUITE["SEARCH_INDEX_PREFIX"])
SEARCH_SHARDS = env_int("SEARCH_SHARDS", SUITE["SEARCH_SHARDS"])
SEARCH_REPLICAS = env_int("SEARCH_REPLICAS", SUITE["SEARCH_REPLICAS"])

# Outbound HTTP (link previews, connectors): private and loopback addresses are refused
# unless this allows them, for feeds hosted on the company network.
FETCH_ALLOW_PRIVATE_NETWORKS = env_bool("FETCH_ALLOW_PRIVATE_NETWORKS",
                                        SUITE["FETCH_ALLOW_PRIVATE_NETWORKS"])
FETCH_TIMEOUT_SECONDS = env_float("FETCH_TIMEOUT_SECONDS", SUITE["FETCH_TIMEOUT_SECONDS"])
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", SUITE["FETCH_MAX_BYTES"])
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", SUITE["FETCH_MAX_REDIRECTS"])
FETCH_USER_AGENT = env_str("FETCH_USER_AGENT", SUITE["FETCH_USER_AGENT"])

# Brand connectors: which installed connectors may be used ("*" for every installed one),
# and how many images of each item are fetched.
CONNECTORS = env_list("CONNECTORS", SUITE["CONNECTORS"])
BRAND_IMAGES_PER_ITEM = env_int("BRAND_IMAGES_PER_ITEM", SUITE["BRAND_IMAGES_PER_ITEM"])

WS_TICKET_SECONDS = env_int("WS_TICKET_SECONDS", SUITE["WS_TICKET_SECONDS"])
# How long the event log keeps events: a client away longer is told to reload.
EVENT_RETENTION_DAYS = env_float("EVENT_RETENTION_DAYS", SUITE["EVENT_RETENTION_DAYS"])

# Personal data: exports, erasure and how long things are kept (docs/operations.md).
EXPORT_LINK_DAYS = env_float("EXPORT_LINK_DAYS", SUITE["EXPORT_LINK_DAYS"])
ERASURE_CONTENT = env_str("ERASURE_CONTENT", SUITE["ERASURE_CONTENT"])
if ERASURE_CONTENT not in ("anonymise", "delete"):
    raise ImproperlyConfigured("ERASURE_CONTENT must be 'anonymise' or 'delete'.")
NOTIFICATION_RETENTION_DAYS = env_float("NOTIFICATION_RETENTION_DAYS",
                                        SUITE["NOTIFICATION_RETENTION_DAYS"])
LINK_PREVIEW_RETENTION_DAYS = env_float("LINK_PREVIEW_RETENTION_DAYS",
                                        SUITE["LINK_PREVIEW_RETENTION_DAYS"])
BRAND_RAW_RETENTION_DAYS = env_float("BRAND_RAW_RETENTION_DAYS",
                                     SUITE["BRAND_RAW_RETENTION_DAYS"])

# Posting and commenting: a burst window that a busy person never reaches, and a longer
# one that stops a script flooding a group.
WRITE_RATE_LIMITS = {
    "post": env_list("POST_RATE_LIMITS", SUITE["WRITE_RATE_LIMITS"]["post"]),
    "comment": env_list("COMMENT_RATE_LIMITS", SUITE["WRITE_RATE_LIMITS"]["comment"]),
    "report": env_list("REPORT_RATE_LIMITS", SUITE["WRITE_RATE_LIMITS"]["report"]),
}

# When reports hide content until a moderator decides (docs/operations.md, "Moderation").
MODERATION_THRESHOLD = {
    name: env_float(f"MODERATION_{name}", default)
    for name, default in SUITE["MODERATION_THRESHOLD"].items()
}

ALWAYS_ANSWER_HOURS = env_float("ALWAYS_ANSWER_HOURS", SUITE["ALWAYS_ANSWER_HOURS"])

# Announcements that require an acknowledgement: those who have not acknowledged are
# reminded automatically this many hours before the due date.
ANNOUNCEMENT_REMINDER_HOURS = env_float("ANNOUNCEMENT_REMINDER_HOURS",
                                        SUITE["ANNOUNCEMENT_REMINDER_HOURS"])

# Analytics: no figure for a department, location or group of fewer people; raw records
# (what was seen, who was active) are aggregated, then pruned after this many days.
ANALYTICS_MIN_AUDIENCE = env_int("ANALYTICS_MIN_AUDIENCE", SUITE["ANALYTICS_MIN_AUDIENCE"])
ANALYTICS_RAW_RETENTION_DAYS = env_int("ANALYTICS_RAW_RETENTION_DAYS",
                                       SUITE["ANALYTICS_RAW_RETENTION_DAYS"])
if ANALYTICS_RAW_RETENTION_DAYS < 31:
    raise ImproperlyConfigured("ANALYTICS_RAW_RETENTION_DAYS must be at least 31: the "
                               "monthly active people are counted from the raw records.")

# Behind reverse proxies: how many append to X-Forwarded-For (docs/operations.md).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", SUITE["TRUSTED_PROXIES"])
# Prometheus reads /metrics with this bearer token (docs/operations.md, "Health and
# metrics"); without one, only direct requests from loopback or private addresses may.
METRICS_TOKEN = env_str("METRICS_TOKEN", SUITE["METRICS_TOKEN"])
WORKER_METRICS_PORT = env_int("WORKER_METRICS_PORT", SUITE["WORKER_METRICS_PORT"])
WORKER_METRICS_ADDRESS = env_str("WORKER_METRICS_ADDRESS", SUITE["WORKER_METRICS_ADDRESS"])
SIGN_IN_LIMITS = {
    "address": env_list("SIGN_IN_ADDRESS_LIMITS", SUITE["SIGN_IN_LIMITS"]["address"]),
    "account": env_list("SIGN_IN_ACCOUNT_LIMITS", SUITE["SIGN_IN_LIMITS"]["account"]),
}

# Single sign-on through OpenID Connect, on once OIDC_CLIENT_ID is set: the endpoints not
# given come from OIDC_ISSUER's discovery document (docs/operations.md).
OIDC_ISSUER = env_str("OIDC_ISSUER")
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_RP_SCOPES = env_str("OIDC_SCOPES", SUITE["OIDC_RP_SCOPES"])
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", SUITE["OIDC_RP_SIGN_ALGO"])
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_ENDPOINT")
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_CLIENT_SECRET_BASIC", True)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME")
OIDC_EMPLOYEE_ID_CLAIM = env_str("OIDC_EMPLOYEE_ID_CLAIM")
OIDC_DEPARTMENT_CLAIM = env_str("OIDC_DEPARTMENT_CLAIM")
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USERS", True)
PASSWORD_SIGN_IN = env_bool("PASSWORD_SIGN_IN", True)

# Provisioning by the company directory through SCIM at /scim/v2/, on once set: the SHA-256
# hex digests of the bearer tokens it may use (docs/operations.md, "Provisioning with SCIM").
SCIM_TOKEN_DIGESTS = [digest.lower() for digest in
                      env_list("SCIM_TOKEN_DIGESTS", SUITE["SCIM_TOKEN_DIGESTS"])]
if any(len(digest) != 64 or digest.strip("0123456789abcdef") for digest in SCIM_TOKEN_DIGESTS):
    raise ImproperlyConfigured("SCIM_TOKEN_DIGESTS lists the SHA-256 hex digests of the "
                               "tokens (64 characters each), not the tokens themselves.")

# Empty: every employee may create interest groups; or the name of the one role that may.
GROUP_CREATION_ROLE = env_str("GROUP_CREATION_ROLE")
ANNOUNCEMENTS_PARENT_PAGE_TYPES = ["intranet_site.HomePage"]

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "intranet@localhost")

REST_FRAMEWORK = {**SUITE["REST_FRAMEWORK"], "DEFAULT_THROTTLE_RATES": {
    "credentials": env_str("CREDENTIALS_THROTTLE_RATE", "10/min")}}

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"},
                # One line per search request is noise; their failures still show.
                "opensearch": {"level": "WARNING"}, "elastic_transport": {"level": "WARNING"}},
}

DEMO_PASSWORD = env_str("DEMO_PASSWORD", SUITE["DEMO_PASSWORD"])
