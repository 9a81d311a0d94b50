"""Password guessing stops: failed sign-ins are counted per client address and per
account, on every path that checks a password (the sign-in page, the admin's, the API's
token exchange), and past `SIGN_IN_LIMITS` the next attempt is refused without checking
the password, until the window ends.

The address limit stops one machine trying many passwords, whatever X-Forwarded-For it
sends (`intranet.core.clients`); the account limit, higher, stops many machines trying one
account, while its owner, from their own address, still signs in below it. Refused
attempts do not count, so an attacker cannot lock an account from one address.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from intranet.core.clients import client_address
from intranet.core.ratelimit import count_in_window, parse_rate, window_key


def account_prefix(username: str) -> str:
    """Where failed sign-ins on one account are counted (a digest of its username)."""
    account = hashlib.sha256(str(username).strip().casefold().encode()).hexdigest()[:32]
    return f"signin:account:{account}"


def _prefixes(request: HttpRequest, username: str) -> dict[str, str]:
    return {"address": f"signin:address:{client_address(request)}",
            "account": account_prefix(username)}


def wait_before_trying(request: HttpRequest, username: str) -> int | None:
    """Seconds until `username` may be tried again from this client, or None."""
    now, waits = time.time(), []
    for scope, prefix in _prefixes(request, username).items():
        for rate in settings.SIGN_IN_LIMITS.get(scope, ()):
            limit, period = parse_rate(rate)
            key, left = window_key(prefix, period, now)
            if (cache.get(key) or 0) >= limit:
                waits.append(left)
    return max(waits) if waits else None


def count_failure(request: HttpRequest, username: str) -> None:
    now = time.time()
    for scope, prefix in _prefixes(request, username).items():
        for rate in settings.SIGN_IN_LIMITS.get(scope, ()):
            _limit, period = parse_rate(rate)
            count_in_window(window_key(prefix, period, now)[0], period)


class SignInLimitBackend:
    """First in AUTHENTICATION_BACKENDS: refuses, before any password is checked, an
    attempt past the limits (Django then stops trying the other backends). The wait is
    left on the request for the form or the API to say. It has no `get_user` nor
    permissions, so sessions and permission checks never stop at it."""

    def authenticate(self, request, username=None, **credentials):
        if request is None or username is None:
            return None
        wait = wait_before_trying(request, username)
        if wait is not None:
            request.sign_in_wait = wait
            raise PermissionDenied
        return None


def on_login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    """Count a wrong password (not an attempt refused for going too fast, nor a single
    sign-on the provider's answer did not let through, which has no username)."""
    if (request is not None and "username" in credentials
            and not getattr(request, "sign_in_wait", None)):
        count_failure(request, credentials.get("username", ""))
