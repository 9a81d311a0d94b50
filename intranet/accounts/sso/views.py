"""The start of single sign-on, which sends the browser to the provider, and the callback
it comes back to. Whatever goes wrong answers the sign-in page saying what: 400 for an
answer that cannot be checked, 403 for a refusal, 502 when the provider cannot be
reached; never an error page."""

import logging

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from intranet.accounts.forms import SignInForm
from intranet.accounts.sso import config
from intranet.accounts.two_factor import PROVIDER_MFA_SESSION_KEY

log = logging.getLogger(__name__)


def answer(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """The sign-in page, with `message` above it."""
    return TemplateResponse(request, "accounts/login.html", {
        "form": SignInForm(request), "refusal": message}, status=status)


def naming(message: str) -> str:
    return message % {"provider": config.provider_name()}


def unreachable(request: HttpRequest, error: Exception) -> HttpResponse:
    log.warning("single sign-on: the provider could not be reached: %s", error)
    return answer(request, naming(_("%(provider)s cannot be reached just now: please try "
                                    "again in a moment.")), 502)


class SignOnStartView(OIDCAuthenticationRequestView):
    get_settings = staticmethod(config.setting)

    def __init__(self, **kwargs) -> None:
        View.__init__(self, **kwargs)  # not the library's, which asks the provider here

    def get(self, request: HttpRequest) -> HttpResponse:
        if not config.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = config.setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except config.ProviderUnavailable as error:
            return unreachable(request, error)
        self.OIDC_RP_CLIENT_ID = config.setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(config.setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not config.enabled():
            raise Http404
        started = request.session.get("oidc_states")
        if not (isinstance(started, dict) and request.GET.get("state") in started
                and (request.GET.get("code") or request.GET.get("error"))):
            return answer(request, _("This sign-in was not started here, or has already been "
                                     "used: please sign in again."), 400)
        try:
            return super().get(request)
        except (SuspiciousOperation, jwt.PyJWTError) as error:
            log.warning("single sign-on: an answer could not be checked: %s", error)
            return answer(request, naming(_("The answer of %(provider)s could not be checked: "
                                            "please sign in again.")), 400)
        except requests.HTTPError as error:
            if error.response is not None and 400 <= error.response.status_code < 500:
                log.warning("single sign-on: the provider refused the code: %s", error)
                return answer(request, naming(_("%(provider)s did not accept this sign-in: "
                                                "please sign in again.")), 400)
            return unreachable(request, error)
        except (requests.RequestException, config.ProviderUnavailable) as error:
            return unreachable(request, error)

    def login_success(self) -> HttpResponse:
        """Signed in; when the provider asked for a second factor itself, and the site
        trusts it to, the session owes none here."""
        response = super().login_success()
        if getattr(self.request, "sign_on_mfa", False) and settings.TWO_FACTOR_TRUST_PROVIDER:
            self.request.session[PROVIDER_MFA_SESSION_KEY] = True
        return response

    def login_failure(self) -> HttpResponse:
        refused = getattr(self.request, "sign_on_refused", None)
        if self.request.GET.get("error"):
            refused = naming(_("Signing in at %(provider)s did not finish."))
        return answer(self.request, refused or naming(_("%(provider)s did not sign you in.")),
                      403)
