"""Send anonymous visitors to the login page (the whole intranet is for employees), sign
out those who left their session idle, and ask for a second factor of those who owe one."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from intranet.accounts.two_factor import session_owes
from intranet.core.api import error_body

# Paths that authenticate on their own terms (the API and SCIM answer 401, the Wagtail
# admin has its own login, the websocket checks its ticket or cookie, an e-mail's one-click
# unsubscribe link carries a signed token, so does a shared brand highlight's link) or
# must stay public.
OPEN_PREFIXES = ("/accounts/login/", "/accounts/sso/", "/api/", "/scim/", "/admin/",
                 "/static/", "/media/", "/ws/", "/i18n/", "/favicon.ico", "/health/",
                 "/manifest.webmanifest", "/service-worker.js", "/offline/",
                 "/feed/notifications/unsubscribe/", "/brand/go/")
# Exact paths open the same way: Prometheus's scrape checks its own token (a prefix would
# also open any page whose address starts alike).
OPEN_PATHS = frozenset({"/metrics"})


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (not request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES)
                and request.path not in OPEN_PATHS):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


IDLE_SINCE = "intranet_seen_at"


class IdleSessionMiddleware:
    """Sign a person out after SESSION_IDLE_MINUTES without a request, so a computer left
    signed in does not stay so for the cookie's whole life. The time of the last request
    is written at most once a minute, not on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(IDLE_SINCE)
            if seen is not None and now - seen > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
            elif seen is None or now - seen >= 60:
                request.session[IDLE_SINCE] = now
        return self.get_response(request)


# Where a person who owes a second factor may still go: the pages that take it, signing
# out, and what any page loads.
TWO_FACTOR_OPEN = ("/accounts/two-factor/", "/accounts/logout/", "/accounts/login/",
                   "/static/", "/jsi18n/", "/i18n/", "/favicon.ico", "/health/",
                   "/manifest.webmanifest", "/service-worker.js", "/offline/")


class TwoFactorMiddleware:
    """Everyone who owes a second factor gives it before any page or API call made with
    their session (so bearer tokens too are created only once it is given)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (not request.path.startswith(TWO_FACTOR_OPEN)
                and session_owes(request.user, request.session,
                                 verified=getattr(request.user, "is_verified", bool)())):
            if request.path.startswith("/api/"):
                return JsonResponse(error_body("two_factor_required", _(
                    "Give your second factor on the site first.")), status=403)
            return redirect(f"{reverse('accounts:two_factor')}?"
                            f"{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
