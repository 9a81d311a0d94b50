"""Who is on the other end of a websocket: a one-time ticket, or the session cookie.

A ticket needs no Origin (scripts and mobile clients have none); the cookie does, and
the Origin must be the site's own (scheme, host and port, as Django's CSRF check reads
them, or one of CSRF_TRUSTED_ORIGINS), so another site, or another port of the same
host, cannot ride a session.
Either way the scope carries the `credential` the socket was opened with, so that it
closes when that token is revoked or that session ends.
"""

from urllib.parse import parse_qs

from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http.request import split_domain_port, validate_host

from intranet.accounts.services import session_credential, ws_ticket_redeem
from intranet.accounts.two_factor import session_owes


class _SessionCredential:
    """Puts the session's credential in the scope, once the session is known; a session
    that still owes its second factor opens nothing."""

    def __init__(self, inner) -> None:
        self.inner = inner

    async def __call__(self, scope, receive, send):
        session = scope.get("session")
        session_key = getattr(session, "session_key", None)
        credential = session_credential(session_key) if session_key else ""
        user = scope.get("user")
        if user is not None and await database_sync_to_async(session_owes)(user, session):
            user = AnonymousUser()
        return await self.inner({**scope, "user": user, "credential": credential},
                                receive, send)


def same_origin(scope: dict) -> bool:
    """Whether the socket was opened by a page of this site."""
    headers = {name.lower(): value.decode("latin-1") for name, value in scope["headers"]}
    origin, host = headers.get(b"origin", ""), headers.get(b"host", "")
    if not origin or not host:
        return False
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    domain, _port = split_domain_port(host)
    return (validate_host(domain, settings.ALLOWED_HOSTS)
            and origin == f"{'https' if _secure(scope, headers) else 'http'}://{host}")


def _secure(scope: dict, headers: dict[bytes, str]) -> bool:
    if scope.get("scheme") == "wss":
        return True
    if settings.SECURE_PROXY_SSL_HEADER:
        name, value = settings.SECURE_PROXY_SSL_HEADER
        forwarded = name.removeprefix("HTTP_").replace("_", "-").lower().encode()
        return headers.get(forwarded, "").split(",")[0].strip() == value
    return False


class _SameOrigin:
    def __init__(self, inner) -> None:
        self.inner = inner

    async def __call__(self, scope, receive, send):
        if not same_origin(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.inner(scope, receive, send)


class WebsocketAuthMiddleware:
    def __init__(self, inner) -> None:
        self.inner = inner
        self.cookie_app = _SameOrigin(AuthMiddlewareStack(_SessionCredential(inner)))

    async def __call__(self, scope, receive, send):
        ticket = parse_qs(scope.get("query_string", b"").decode()).get("ticket", [None])[0]
        if ticket is None:
            return await self.cookie_app(scope, receive, send)
        redeemed = await database_sync_to_async(ws_ticket_redeem)(ticket=ticket)
        user, credential = redeemed or (AnonymousUser(), "")
        return await self.inner({**scope, "user": user, "credential": credential},
                                receive, send)
