"""The authentication backend of single sign-on: mozilla-django-oidc's code flow, checked a
little further, and the person the provider vouches for found or created by the function
`OIDC_PERSON` names (people's, so that accounts imports no app above it)."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import SuspiciousOperation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from intranet.accounts.sso import config
from intranet.core.errors import DomainError


@dataclass(frozen=True)
class Identity:
    """What the provider says of a person, through the claim settings ("" when unsaid)."""

    email: str
    employee_id: str
    department: str
    first_name: str
    last_name: str
    username: str


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name) if name else None
    return str(value).strip() if isinstance(value, str | int) else ""


def identity_from(claims: dict[str, Any]) -> Identity:
    """An e-mail address the provider says it has not verified is not used."""
    verified = str(claims.get("email_verified", True)).lower() != "false"
    return Identity(
        email=_text(claims, "email") if verified else "",
        employee_id=_text(claims, settings.OIDC_EMPLOYEE_ID_CLAIM),
        department=_text(claims, settings.OIDC_DEPARTMENT_CLAIM),
        first_name=_text(claims, "given_name") or _text(claims, "name"),
        last_name=_text(claims, "family_name"),
        username=_text(claims, "preferred_username"))


def provider_did_mfa(id_token: dict[str, Any]) -> bool:
    """Whether the ID token says the provider asked for more than one factor (RFC 8176:
    `amr` holds "mfa", or two methods)."""
    methods = id_token.get("amr")
    if not isinstance(methods, list):
        return False
    return "mfa" in methods or len({str(method) for method in methods}) >= 2


class _Setting:
    """One of the library's `self.OIDC_...` attributes, read when used: the backend is
    built for every sign-in, password ones too, which must not wait for the provider."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        return config.setting(self.name, None)


class SignOnBackend(OIDCAuthenticationBackend):
    OIDC_OP_TOKEN_ENDPOINT = _Setting()
    OIDC_OP_USER_ENDPOINT = _Setting()
    OIDC_OP_JWKS_ENDPOINT = _Setting()
    OIDC_RP_CLIENT_ID = _Setting()
    OIDC_RP_CLIENT_SECRET = _Setting()
    OIDC_RP_SIGN_ALGO = _Setting()
    OIDC_RP_IDP_SIGN_KEY = _Setting()
    get_settings = staticmethod(config.setting)

    def __init__(self, *args, **kwargs) -> None:
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs) -> AbstractBaseUser | None:
        """Only the callback's call, which passes the nonce, and only with SSO on."""
        if request is None or "nonce" not in kwargs or not config.enabled():
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs) -> dict[str, Any]:
        """The ID token (the one checked with a nonce) must come from the issuer, for us."""
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:
            audience = payload.get("aud")
            audiences = [audience] if isinstance(audience, str) else audience or []
            if self.OIDC_RP_CLIENT_ID not in audiences or (
                    config.issuer() and str(payload.get("iss")).rstrip("/") != config.issuer()):
                raise SuspiciousOperation("The ID token is not for this client.")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str,
                           payload: dict[str, Any]) -> AbstractBaseUser | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(claims, dict) or claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo answer is about someone else.")
        self.request.sign_on_mfa = provider_did_mfa(payload)
        identity = identity_from(claims)
        if not identity.email and not identity.employee_id:
            return self._refuse(_("%(provider)s did not say who you are (neither an e-mail "
                                  "address nor an employee id).") % {
                                      "provider": config.provider_name()})
        try:
            user = import_string(settings.OIDC_PERSON)(identity=identity,
                                                       create=settings.OIDC_CREATE_USER)
        except DomainError as refusal:
            return self._refuse(refusal.message)
        return user if user.is_active else None

    def _refuse(self, message: str) -> None:
        """Leave the reason for the callback's page to say."""
        self.request.sign_on_refused = message

    def get_user(self, user_id: int) -> AbstractBaseUser | None:
        """A switched-off account's sessions end, as with passwords."""
        return ModelBackend.get_user(self, user_id)
