"""The live feed's websocket: `/ws/`.

A socket joins the streams its person receives without asking (the company's, their
own, their groups'), and the open groups a page subscribes to. Every frame is checked
against the person's audience keys before it is relayed (and dropped when its author is
someone they block), and the keys are read again when their memberships change and at
least every few seconds, so access ends at once.
"""

import random
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from feeds.models import Block
from groups.models import InterestGroup
from groups.selectors import can_read
from intranet.core.audience import audience_keys
from intranet.core.relay import ensure_relay
from intranet.core.streams import NOT_AUTHENTICATED, stream_group

KEYS_MAX_AGE = 10.0
REJOIN_EVERY = 3600.0


@database_sync_to_async
def _blocked_usernames(user) -> frozenset[str]:
    return frozenset(Block.objects.filter(blocker=user).values_list("blocked__username",
                                                                    flat=True))


def _author(event: dict) -> str | None:
    data = event.get("data") or {}
    for key in ("comment", "post"):
        if isinstance(data.get(key), dict) and data[key].get("author"):
            return data[key]["author"]
    return None


@database_sync_to_async
def _readable_group(user, slug: str) -> int | None:
    group = InterestGroup.objects.filter(slug=str(slug)).first()
    return group.pk if group is not None and can_read(user, group) else None


class FeedConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.user = self.scope.get("user")
        if self.user is None or not self.user.is_authenticated:
            await self.close(code=NOT_AUTHENTICATED)
            return
        self.streams: set[str] = set()
        self.watching: set[int] = set()
        self.joined_at = float("-inf")
        # Spread over sockets, so that they do not all read their keys at once.
        self.keys_max_age = KEYS_MAX_AGE * random.uniform(0.75, 1.25)
        await self.refresh()
        ensure_relay()
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for stream in getattr(self, "streams", set()):
            await self.channel_layer.group_discard(stream, self.channel_name)

    async def refresh(self) -> None:
        """Read the person's keys again and join or leave streams to match them."""
        self.keys = await database_sync_to_async(audience_keys)(self.user)
        self.blocked = await _blocked_usernames(self.user)
        self.keys_read_at = time.monotonic()
        member_of = {int(k.removeprefix("member:")) for k in self.keys if k.startswith("member:")}
        self.watching = {pk for pk in self.watching if f"group:{pk}" in self.keys}
        wanted = {"company", f"user.{self.user.pk}"} | {
            stream_group(f"group:{pk}") for pk in member_of | self.watching}
        for stream in self.streams - wanted:
            await self.channel_layer.group_discard(stream, self.channel_name)
        # The core Redis layer forgets a group membership after a day (group_expiry):
        # joining again every hour keeps long-lived sockets receiving.
        rejoin = time.monotonic() - self.joined_at > REJOIN_EVERY
        for stream in wanted if rejoin else wanted - self.streams:
            await self.channel_layer.group_add(stream, self.channel_name)
        if rejoin:
            self.joined_at = time.monotonic()
        self.streams = wanted

    async def receive_json(self, content, **kwargs) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "subscribe":
            pk = await _readable_group(self.user, content.get("group", ""))
            if pk is None:
                await self.send_json({"type": "error", "code": "not_found"})
                return
            self.watching.add(pk)
            await self.refresh()
            await self.send_json({"type": "subscribed", "group": content["group"]})
        elif kind == "unsubscribe":
            pk = await _readable_group(self.user, content.get("group", ""))
            self.watching.discard(pk)
            await self.refresh()
            await self.send_json({"type": "unsubscribed", "group": content.get("group")})
        else:
            await self.send_json({"type": "error", "code": "unknown_type"})

    async def stream_event(self, message: dict) -> None:
        event, audience = message["event"], message.get("audience", ())
        stale = time.monotonic() - self.keys_read_at > self.keys_max_age
        # Company-wide frames need no fresh keys (everyone holds `company`), so a post to
        # everyone does not make every socket query the database at the same moment.
        if event["type"].startswith(("group.", "person.")) \
                or (stale and "company" not in audience):
            await self.refresh()
        if self.keys.isdisjoint(audience) or _author(event) in self.blocked:
            return
        await self.send_json(event)
