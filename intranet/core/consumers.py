"""The websocket: one socket per page, joined to the streams its person may receive:
the company's, their own, and those of the groups they belong to (from their
`member:<id>` audience keys).

Events are sent to channel-layer groups named after streams (`company`, `user.<id>`,
`group.<id>`); the socket relays them as `{"id", "type", "data"}` frames.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from intranet.core.audience import audience_keys

NOT_AUTHENTICATED = 4401


def stream_group(stream: str) -> str:
    """Channel-layer group names allow no colons: `user:7` travels as `user.7`."""
    return stream.replace(":", ".")


class StreamConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=NOT_AUTHENTICATED)
            return
        keys = await database_sync_to_async(audience_keys)(user)
        self.streams = ["company", f"user.{user.pk}", *sorted(
            f"group.{key.removeprefix('member:')}" for key in keys if key.startswith("member:"))]
        for group in self.streams:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "streams", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind in ("subscribe", "unsubscribe"):
            # No group stream exists for this socket to join (the groups app adds them).
            await self.send_json({"type": "error", "code": "not_found"})
        else:
            await self.send_json({"type": "error", "code": "unknown_type"})

    async def stream_event(self, message: dict) -> None:
        """A channel-layer message `{"type": "stream.event", "event": {...}}`."""
        await self.send_json(message["event"])
