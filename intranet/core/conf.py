"""The suite's own settings and their defaults: a host site sets only those it changes.

Django has no per-app defaults, so the core adds the missing ones to `settings` when the
app registry starts (before any model is imported). docs/install.md describes each one;
docs/operations.md the environment variables this repository's site reads them from.
"""

import copy

from django.conf import settings

DEFAULTS: dict[str, object] = {
    # Absolute links in e-mails.
    "BASE_URL": "http://localhost:8000",
    # Websocket tickets, and how long the event log lets a client resume.
    "WS_TICKET_SECONDS": 30,
    "EVENT_RETENTION_DAYS": 7.0,
    # Personal data: how long an export's download link works; whether an erased
    # person's posts and comments stay as "Former employee" ("anonymise") or go
    # ("delete"); how many days notifications, link previews and the raw data of brand
    # items are kept (0: for ever).
    "EXPORT_LINK_DAYS": 7.0,
    "ERASURE_CONTENT": "anonymise",
    "NOTIFICATION_RETENTION_DAYS": 180.0,
    "LINK_PREVIEW_RETENTION_DAYS": 365.0,
    "BRAND_RAW_RETENTION_DAYS": 30.0,
    # A burst window a busy person never reaches, and a longer one that stops a script.
    "WRITE_RATE_LIMITS": {"post": ["60/min", "400/hour"], "comment": ["90/min", "800/hour"],
                          "report": ["20/min", "100/day"]},
    # Reports hide content once their weights add up to HIDE_AT, until a moderator
    # decides. A report weighs 1, plus UPHELD_BONUS for each earlier report of its author
    # that moderators upheld, minus DISMISSED_PENALTY for each they dismissed, within
    # MIN_WEIGHT and MAX_WEIGHT (below HIDE_AT, so that nobody hides anything alone).
    "MODERATION_THRESHOLD": {"HIDE_AT": 3.0, "UPHELD_BONUS": 0.25, "DISMISSED_PENALTY": 0.5,
                             "MIN_WEIGHT": 0.1, "MAX_WEIGHT": 2.0},
    # "Always answer": after how many hours a question, or a post mentioning an official
    # account, that nobody answered shows on the community managers' list.
    "ALWAYS_ANSWER_HOURS": 24.0,
    # How many hours before an acknowledgement's due date those who have not acknowledged
    # are reminded, once, automatically.
    "ANNOUNCEMENT_REMINDER_HOURS": 48.0,
    # Analytics: the fewest people a department, location or group must have for its
    # figures to be shown; days raw analytics records are kept (at least 31).
    "ANALYTICS_MIN_AUDIENCE": 5,
    "ANALYTICS_RAW_RETENTION_DAYS": 90,
    # The bearer token Prometheus sends to read /metrics; empty: only direct requests from
    # a loopback or private address may read them.
    "METRICS_TOKEN": "",
    # A worker serves what it counted (connector poll errors, events its jobs published)
    # on this port, in Prometheus's text format; 0: not served.
    "WORKER_METRICS_PORT": 0,
    "WORKER_METRICS_ADDRESS": "127.0.0.1",
    # How many reverse proxies in front of the site append to X-Forwarded-For: only their
    # entries are believed (0: the connection's address is the client's).
    "TRUSTED_PROXIES": 0,
    # Failed sign-ins per client address and per account before the next attempt waits
    # for the window to end.
    "SIGN_IN_LIMITS": {"address": ["10/15min", "100/day"], "account": ["20/hour"]},
    # Minutes without a request after which a session ends (IdleSessionMiddleware).
    "SESSION_IDLE_MINUTES": 8 * 60,
    # Whether everyone who can reach the Wagtail admin must give a second factor.
    "TWO_FACTOR_FOR_ADMIN": True,
    # A single sign-on whose ID token says the provider asked for a second factor (`amr`)
    # counts as one here.
    "TWO_FACTOR_TRUST_PROVIDER": True,
    # The admin's sign-in form says how long to wait once those limits are reached.
    "WAGTAILADMIN_USER_LOGIN_FORM": "intranet.accounts.forms.AdminSignInForm",
    # Single sign-on through OpenID Connect (mozilla-django-oidc's settings, and ours): on
    # once OIDC_RP_CLIENT_ID is set. Endpoints left empty come from OIDC_ISSUER's discovery
    # document. Accounts are found by OIDC_EMPLOYEE_ID_CLAIM's value (when named), else by
    # e-mail; OIDC_PERSON finds or creates them. False PASSWORD_SIGN_IN refuses passwords.
    "OIDC_ISSUER": "",
    "OIDC_RP_CLIENT_ID": "",
    "OIDC_RP_CLIENT_SECRET": "",
    "OIDC_RP_SCOPES": "openid email profile",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "",
    "OIDC_OP_TOKEN_ENDPOINT": "",
    "OIDC_OP_USER_ENDPOINT": "",
    "OIDC_OP_JWKS_ENDPOINT": "",
    "OIDC_USE_PKCE": True,
    "OIDC_TOKEN_USE_BASIC_AUTH": True,
    "OIDC_TIMEOUT": 10,
    "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:sso_callback",
    "OIDC_PROVIDER_NAME": "",  # "Sign in with ..."; empty: "your company account"
    "OIDC_EMPLOYEE_ID_CLAIM": "",
    "OIDC_DEPARTMENT_CLAIM": "",
    "OIDC_CREATE_USER": True,
    "OIDC_PERSON": "intranet.people.sign_on.person_sign_on",
    "PASSWORD_SIGN_IN": True,
    # Provisioning by the company directory through SCIM 2.0 at /scim/v2/ (django-scim2's
    # settings, and ours): on once SCIM_TOKEN_DIGESTS lists the SHA-256 hex digests of the
    # bearer tokens the directory may use.
    "SCIM_TOKEN_DIGESTS": [],
    "SCIM_SERVICE_PROVIDER": {
        "USER_ADAPTER": "intranet.people.scim.users.PersonAdapter",
        "GROUP_ADAPTER": "intranet.people.scim.departments.DepartmentAdapter",
        "GROUP_MODEL": "intranet.people.models.Department",
        "SERVICE_PROVIDER_CONFIG_MODEL": "intranet.people.scim.views.ServiceProviderConfig",
        "BASE_LOCATION_GETTER": "intranet.people.scim.views.base_location",
        "AUTHENTICATION_SCHEMES": [{
            "type": "oauthbearertoken", "name": "Bearer token", "primary": True,
            "description": "A token only the directory holds: Authorization: Bearer <token>."}],
    },
    # Empty: every employee may create interest groups; or the one role that may.
    "GROUP_CREATION_ROLE": "",
    # Where announcements live: a callable (dotted path) returning the parent page for a
    # locale, and the page types an announcement may be created under (None: any).
    "ANNOUNCEMENTS_PARENT": "intranet.core.site.site_home",
    "ANNOUNCEMENTS_PARENT_PAGE_TYPES": None,
    # Search: "db", "opensearch://host:port" or "elasticsearch://host:port".
    "SEARCH_URL": "db",
    "SEARCH_INDEX_PREFIX": "intranet",
    # Primary shards and replicas of each index built from now on (search_reindex): one
    # shard holds a company's documents; a replica per extra node keeps search up when a
    # node is lost.
    "SEARCH_SHARDS": 1,
    "SEARCH_REPLICAS": 0,
    # Outbound HTTP (link previews, connectors).
    "FETCH_ALLOW_PRIVATE_NETWORKS": False,
    "FETCH_TIMEOUT_SECONDS": 10.0,
    "FETCH_MAX_BYTES": 5 * 1024 * 1024,
    "FETCH_MAX_REDIRECTS": 5,
    "FETCH_USER_AGENT": "IntranetBot/1.0",
    # Brand connectors that may be used ("*" for every installed one), images per item.
    "CONNECTORS": ["rss", "youtube", "mastodon", "peertube", "json"],
    "BRAND_IMAGES_PER_ITEM": 3,
    # Added to a brand highlight's original address when it is shared outward
    # ("{id}" becomes the item's id), so the channel's statistics see where visits came from.
    "BRAND_SHARE_PARAMETERS": {"utm_source": "intranet", "utm_medium": "employee_share",
                               "utm_campaign": "brand-{id}"},
    "MAX_IMAGE_UPLOAD_BYTES": 10 * 1024 * 1024,
    # Images uploaded in the Wagtail admin are re-encoded like the others (no metadata).
    "WAGTAILIMAGES_IMAGE_FORM_BASE": "intranet.core.image_forms.SanitizedImageForm",
    "WAGTAILIMAGES_MAX_IMAGE_PIXELS": 40_000_000,
    # Web-server prefixes for X-Accel-Redirect, per storage; None streams through Django.
    "MEDIA_ACCEL_REDIRECT": {"private": None, "default": None},
    # The password of the demo accounts `seed_demo` creates.
    "DEMO_PASSWORD": "demo",
    # Documents are served by Wagtail's view, which asks the read policy first (a hook).
    "WAGTAILDOCS_SERVE_METHOD": "serve_view",
    # django-guardian would otherwise create an "AnonymousUser" person.
    "ANONYMOUS_USER_NAME": None,
    # What a page may load and run (django-csp): its own scripts and styles only, never
    # inline ones, and no other site may frame it. The Wagtail admin's pages carry inline
    # styles and scripts of Wagtail's own (the page editor's): ADMIN_CSP_UPDATE adds what
    # they need, there only.
    "CONTENT_SECURITY_POLICY": {"DIRECTIVES": {
        "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"], "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"], "media-src": ["'self'"], "object-src": ["'none'"],
        "base-uri": ["'self'"], "form-action": ["'self'"], "frame-ancestors": ["'self'"],
        "frame-src": ["'self'"], "worker-src": ["'self'"], "manifest-src": ["'self'"]}},
    "ADMIN_CSP_UPDATE": {"style-src": ["'unsafe-inline'"], "script-src": ["'unsafe-inline'"]},
    # Whether the Wagtail admin may ask outside sites for anything (ADMIN_OUTSIDE below).
    "ADMIN_OUTSIDE_REQUESTS": False,
    # Browser features no page of the suite uses (django-permissions-policy).
    "PERMISSIONS_POLICY": {"camera": [], "microphone": [], "geolocation": [], "payment": [],
                           "usb": [], "serial": [], "bluetooth": [], "midi": [],
                           "display-capture": [], "interest-cohort": [],
                           "browsing-topics": []},
    # The embedded engines; docs/operations.md has Redis for more than one process.
    "CHANNEL_LAYERS": {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
    "TASKS": {"default": {"BACKEND": "intranet.core.background.backend.QueueBackend",
                          "QUEUES": ["default", "search", "email", "fetch"],
                          "OPTIONS": {}}},
    # The API: bearer tokens or the session, JSON only, errors in one shape.
    "REST_FRAMEWORK": {
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "intranet.accounts.authentication.BearerTokenAuthentication",
            "rest_framework.authentication.SessionAuthentication",
        ],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "EXCEPTION_HANDLER": "intranet.core.api.exception_handler",
        "DEFAULT_PARSER_CLASSES": ["intranet.core.parsers.JSONParser",
                                   "rest_framework.parsers.FormParser",
                                   "rest_framework.parsers.MultiPartParser"],
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
        "DEFAULT_THROTTLE_RATES": {"credentials": "10/min"},
    },
    "SPECTACULAR_SETTINGS": {
        "TITLE": "Intranet API",
        "DESCRIPTION": "The public HTTP API of the intranet, version 1.",
        "VERSION": "1.0.0",
        "SERVE_INCLUDE_SCHEMA": False,
        "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
        "SCHEMA_PATH_PREFIX": "/api/v1",
        "PREPROCESSING_HOOKS": ["intranet.core.schema.only_public_api"],
        "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                                 "intranet.core.schema.with_errors"],
        # Two lists share the field name `state`: each keeps a name of its own (by its
        # values, so nothing here imports the apps). A brand item's kept its first name.
        "ENUM_NAME_OVERRIDES": {
            "StateEnum": ["pending", "approved", "featured", "rejected"],
            "CaseStateEnum": ["open", "held", "hidden", "removed", "kept"],
            "ExportStateEnum": ["pending", "ready", "failed", "expired"],
            "ErasureStateEnum": ["requested", "approved", "done", "declined", "withdrawn"],
        },
        # Served from our own static files: intranets often cannot reach public CDNs; and
        # no badge from swagger.io's online validator, which would be sent the schema's
        # address.
        "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
        "SWAGGER_UI_DIST": "SIDECAR",
        "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
        "REDOC_DIST": "SIDECAR",
    },
}


# What the Wagtail admin asks of outside sites, each (when ADMIN_OUTSIDE_REQUESTS is off,
# when it is on): a Gravatar picture for each person (sending a hash of their e-mail
# address) and the superusers' dashboard asking wagtail.org for its latest release; and
# what the admin's Content-Security-Policy then allows.
ADMIN_OUTSIDE: dict[str, tuple[object, object]] = {
    "WAGTAIL_GRAVATAR_PROVIDER_URL": (None, "//www.gravatar.com/avatar"),
    "WAGTAIL_ENABLE_UPDATE_CHECK": (False, True),
    "ADMIN_OUTSIDE_CSP_UPDATE": ({}, {"img-src": ["www.gravatar.com"],
                                      "connect-src": ["https://releases.wagtail.org"]}),
}


def apply_defaults() -> None:
    """Give every suite setting the site did not set its default."""
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, copy.deepcopy(value))
    for name, (inside, outside) in ADMIN_OUTSIDE.items():
        if not hasattr(settings, name):
            setattr(settings, name, copy.deepcopy(
                outside if settings.ADMIN_OUTSIDE_REQUESTS else inside))
