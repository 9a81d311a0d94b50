"""Single sign-on's settings: on once `OIDC_RP_CLIENT_ID` is set; the provider's endpoints
that the site leaves empty come from its discovery document.

The document is fetched on first use, not at start-up, so that a provider that is down
neither stops the intranet from starting nor password sign-ins; it is then kept an hour.
"""

import time
from typing import Any

import requests
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _
from mozilla_django_oidc.utils import import_from_settings

BACKEND = "intranet.accounts.sso.backend.SignOnBackend"
DISCOVERY_SECONDS = 3600
# mozilla-django-oidc's settings the discovery document gives, and their keys there.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_documents: dict[str, tuple[float, dict[str, Any]]] = {}


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read."""


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def passwords_allowed() -> bool:
    return bool(settings.PASSWORD_SIGN_IN)


def provider_name() -> str:
    """What "Sign in with ..." names."""
    return settings.OIDC_PROVIDER_NAME or _("your company account")


def passwords_off() -> str:
    return _("Passwords are switched off here: sign in with %(provider)s.") % {
        "provider": provider_name()}


def issuer() -> str:
    return settings.OIDC_ISSUER.rstrip("/")


def setting(name: str, *default: Any) -> Any:
    """A setting as mozilla-django-oidc reads it, an empty endpoint from discovery."""
    if name in DISCOVERED and not getattr(settings, name, ""):
        return discovery().get(DISCOVERED[name])
    return import_from_settings(name, *default)


def discovery() -> dict[str, Any]:
    """The issuer's discovery document (/.well-known/openid-configuration)."""
    found = _documents.get(issuer())
    if found and found[0] > time.monotonic():
        return found[1]
    if not issuer():
        raise ProviderUnavailable("OIDC_ISSUER is not set")
    try:
        answer = requests.get(f"{issuer()}/.well-known/openid-configuration",
                              timeout=settings.OIDC_TIMEOUT)
        answer.raise_for_status()
        document = answer.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{issuer()}: {error}") from error
    if not isinstance(document, dict) or str(document.get("issuer")).rstrip("/") != issuer():
        raise ProviderUnavailable(f"{issuer()}: the document names another issuer")
    _documents[issuer()] = (time.monotonic() + DISCOVERY_SECONDS, document)
    return document


def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A configuration in which nobody, or not everybody, can sign in."""
    if not enabled():
        return [] if passwords_allowed() else [checks.Warning(
            "PASSWORD_SIGN_IN is off and single sign-on is not configured: nobody can sign in.",
            hint="Set OIDC_RP_CLIENT_ID (docs/install.md), or PASSWORD_SIGN_IN back on.",
            id="intranet_accounts.W001")]
    problems = []
    needed = [name for name in list(DISCOVERED)[:3] if not getattr(settings, name, "")]
    if needed and not issuer():
        problems.append(checks.Error(f"Single sign-on needs OIDC_ISSUER, or {', '.join(needed)}.",
                              id="intranet_accounts.E001"))
    if BACKEND not in settings.AUTHENTICATION_BACKENDS:
        problems.append(checks.Error(f"Single sign-on needs {BACKEND} in AUTHENTICATION_BACKENDS.",
                              id="intranet_accounts.E002"))
    return problems
