"""Who is on the other end of a websocket: a one-time ticket, or the session cookie.

A ticket needs no Origin (scripts and mobile clients have none); the cookie does, and
the Origin must be one of the allowed hosts, so another site cannot ride a session.
"""

from urllib.parse import parse_qs

from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.security.websocket import AllowedHostsOriginValidator
from django.contrib.auth.models import AnonymousUser

from intranet.accounts.services import ws_ticket_redeem


class WebsocketAuthMiddleware:
    def __init__(self, inner) -> None:
        self.inner = inner
        self.cookie_app = AllowedHostsOriginValidator(AuthMiddlewareStack(inner))

    async def __call__(self, scope, receive, send):
        ticket = parse_qs(scope.get("query_string", b"").decode()).get("ticket", [None])[0]
        if ticket is None:
            return await self.cookie_app(scope, receive, send)
        user = await database_sync_to_async(ws_ticket_redeem)(ticket=ticket)
        return await self.inner({**scope, "user": user or AnonymousUser()}, receive, send)
