"""Who is on the other end of a websocket: a one-time ticket, or the session cookie.

A ticket needs no Origin (scripts and mobile clients have none); the cookie does, and
the Origin must be one of the allowed hosts, so another site cannot ride a session.
Either way the scope carries the `credential` the socket was opened with, so that it
closes when that token is revoked or that session ends.
"""

from urllib.parse import parse_qs

from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.security.websocket import AllowedHostsOriginValidator
from django.contrib.auth.models import AnonymousUser

from intranet.accounts.services import session_credential, ws_ticket_redeem


class _SessionCredential:
    """Puts the session's credential in the scope, once the session is known."""

    def __init__(self, inner) -> None:
        self.inner = inner

    async def __call__(self, scope, receive, send):
        session_key = getattr(scope.get("session"), "session_key", None)
        credential = session_credential(session_key) if session_key else ""
        return await self.inner({**scope, "credential": credential}, receive, send)


class WebsocketAuthMiddleware:
    def __init__(self, inner) -> None:
        self.inner = inner
        self.cookie_app = AllowedHostsOriginValidator(AuthMiddlewareStack(
            _SessionCredential(inner)))

    async def __call__(self, scope, receive, send):
        ticket = parse_qs(scope.get("query_string", b"").decode()).get("ticket", [None])[0]
        if ticket is None:
            return await self.cookie_app(scope, receive, send)
        redeemed = await database_sync_to_async(ws_ticket_redeem)(ticket=ticket)
        user, credential = redeemed or (AnonymousUser(), "")
        return await self.inner({**scope, "user": user, "credential": credential},
                                receive, send)
