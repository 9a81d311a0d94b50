"""Send anonymous visitors to the login page: the whole intranet is for employees."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

# Paths that authenticate on their own terms (the API answers 401, the Wagtail admin has
# its own login, the websocket checks its ticket or cookie, an e-mail's one-click
# unsubscribe link carries a signed token) or must stay public.
OPEN_PREFIXES = ("/accounts/login/", "/api/", "/admin/", "/static/", "/media/", "/ws/",
                 "/i18n/", "/favicon.ico", "/health/", "/manifest.webmanifest",
                 "/service-worker.js", "/offline/", "/feed/notifications/unsubscribe/")


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
