"""The live feed's websocket: `/ws/`.

A socket joins the streams its person receives without asking (the company's, their own,
their groups'), and the open groups a page subscribes to. A client that saw events before
sends `{"type": "resume", "since": <position>}`: it is sent every event since that it may
see, then the live ones, each once and in order of its stream, with nothing lost between
the two (docs/architecture.md, "Live delivery"). Each stream's frames carry the previous
position of their stream, so a frame that never arrived is noticed and read from the log.

Every frame is checked against the person's audience keys before it is relayed, and
dropped when its author is someone they block. A frame whose meaning depends on the
reader (content held, hidden or restored by moderators) is resolved for each socket as
the catch-up would: the content as this person reads it now, or its removal.

Their keys are read again when their access changes (an event on their own stream, a
group's change of visibility) and at least every few seconds; when their access ends
(deactivated, signed out, token revoked) the socket is told `session_ended` and closed.
"""

import json
import random
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder

from intranet.core.audience import audience_keys
from intranet.core.relay import ensure_relay
from intranet.core.replay import (
    TooOld,
    check_since,
    is_per_reader,
    person_streams,
    replay,
    resolve,
    stream_heads,
)
from intranet.core.sequencer import dispatch_events
from intranet.core.streams import NOT_AUTHENTICATED, stream_group
from intranet.core.text import storable, texts_in
from intranet.feeds.catchup import watched_groups
from intranet.feeds.metrics import EVENTS_DELIVERED, WEBSOCKETS_OPEN
from intranet.feeds.models import Block

KEYS_MAX_AGE = 10.0
REJOIN_EVERY = 3600.0
REMEMBER_SENT = 10_000


def _author(event: dict) -> str | None:
    data = event.get("data") or {}
    for key in ("comment", "post"):
        if isinstance(data.get(key), dict) and data[key].get("author"):
            return data[key]["author"]
    return None


@database_sync_to_async
def _as_read_now(user, event: dict) -> list[dict]:
    return resolve(user, [event])


@database_sync_to_async
def _access(user_id: int):
    """The person as they are now (None once deactivated), their keys and the usernames
    of those they block."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None, frozenset(), frozenset()
    return user, audience_keys(user), frozenset(Block.objects.filter(blocker=user)
                                                .values_list("blocked__username", flat=True))


@database_sync_to_async
def _watchable(user, slug: Any) -> int | None:
    return next(iter(watched_groups(user, [slug])), None) if isinstance(slug, str) else None


@database_sync_to_async
def _heads(streams: set[str]) -> dict[str, int]:
    return stream_heads(streams)


@database_sync_to_async
def _replay_since(user, keys, streams: set[str], since: int):
    """Everything since `since` up to each stream's head now, and those heads; None when
    the log no longer goes back so far."""
    dispatch_events()
    try:
        check_since(since)
    except TooOld:
        return None
    heads = stream_heads(streams)
    frames, cursor = [], since
    while cursor is not None:
        page, cursor = replay(user, keys, streams, cursor, heads=heads)
        frames += page
    return frames, heads


@database_sync_to_async
def _missed(user, keys, stream: str, after: int, before: int) -> list[dict]:
    frames, cursor = [], after
    while cursor is not None:
        page, cursor = replay(user, keys, [stream], cursor, before=before)
        frames += page
    return frames


class FeedConsumer(AsyncJsonWebsocketConsumer):
    @classmethod
    async def encode_json(cls, content) -> str:
        # Replayed frames carry their objects as they are now, times included.
        return json.dumps(content, cls=DjangoJSONEncoder)

    async def connect(self) -> None:
        self.user = self.scope.get("user")
        if self.user is None or not self.user.is_authenticated:
            await self.close(code=NOT_AUTHENTICATED)
            return
        self.credential = self.scope.get("credential", "")
        self.streams: set[str] = set()
        self.heads: dict[str, int] = {}
        self.watching: set[int] = set()
        self.sent_before_resume: set[int] | None = set()
        self.joined_at = float("-inf")
        # Spread over sockets, so that they do not all read their keys at once.
        self.keys_max_age = KEYS_MAX_AGE * random.uniform(0.75, 1.25)
        if not await self.refresh():
            await self.close(code=NOT_AUTHENTICATED)
            return
        ensure_relay()
        await self.accept()
        self.counted_open = True
        WEBSOCKETS_OPEN.inc()

    async def disconnect(self, code: int) -> None:
        if getattr(self, "counted_open", False):
            self.counted_open = False
            WEBSOCKETS_OPEN.dec()
        for stream in getattr(self, "streams", set()):
            await self.channel_layer.group_discard(stream_group(stream), self.channel_name)

    async def refresh(self) -> bool:
        """Read the person's access again and join or leave streams to match it; False
        when their access has ended."""
        user, self.keys, self.blocked = await _access(self.user.pk)
        self.keys_read_at = time.monotonic()
        if user is None:
            return False
        self.user = user
        self.watching = {pk for pk in self.watching if f"group:{pk}" in self.keys}
        wanted = person_streams(user, self.keys, self.watching)
        for stream in self.streams - wanted:
            await self.channel_layer.group_discard(stream_group(stream), self.channel_name)
            self.heads.pop(stream, None)
        joining = wanted - self.streams
        # Each stream's head is read before joining it: a frame sent in between arrives
        # after a gap, and is then read from the log.
        self.heads.update(await _heads(joining) if joining else {})
        # The core Redis layer forgets a group membership after a day (group_expiry):
        # joining again every hour keeps long-lived sockets receiving.
        rejoin = time.monotonic() - self.joined_at > REJOIN_EVERY
        for stream in wanted if rejoin else joining:
            await self.channel_layer.group_add(stream_group(stream), self.channel_name)
        if rejoin:
            self.joined_at = time.monotonic()
        self.streams = wanted
        return True

    async def end_session(self) -> None:
        await self.send_json({"type": "error", "code": "session_ended"})
        await self.close(code=NOT_AUTHENTICATED)

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        """Frames are JSON text. Anything else (binary, not JSON, nested too deep, text
        no database stores) gets an error frame and the socket stays open."""
        try:
            if text_data is None:
                raise ValueError("a binary frame")
            content = json.loads(text_data)
            if not all(storable(text) for text in texts_in(content)):
                raise ValueError("unstorable text")
        except (ValueError, RecursionError):
            await self.send_json({"type": "error", "code": "invalid"})
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "resume":
            await self.resume(content.get("since"))
        elif kind == "subscribe":
            pk = await _watchable(self.user, content.get("group"))
            if pk is None:
                await self.send_json({"type": "error", "code": "not_found"})
                return
            self.watching.add(pk)
            if await self.refresh():
                await self.send_json({"type": "subscribed", "group": content["group"]})
            else:
                await self.end_session()
        elif kind == "unsubscribe":
            self.watching.discard(await _watchable(self.user, content.get("group")))
            if await self.refresh():
                await self.send_json({"type": "unsubscribed", "group": content.get("group")})
            else:
                await self.end_session()
        else:
            await self.send_json({"type": "error", "code": "unknown_type"})

    async def resume(self, since: Any) -> None:
        """Send everything since `since` the person may see now, then go on live."""
        if not isinstance(since, int) or isinstance(since, bool) or since < 0:
            await self.send_json({"type": "error", "code": "invalid", "field": "since"})
            return
        if not await self.refresh():
            await self.end_session()
            return
        result = await _replay_since(self.user, self.keys, self.streams, since)
        if result is None:
            await self.send_json({"type": "reload"})
            return
        frames, heads = result
        already = self.sent_before_resume or set()
        for frame in frames:
            if frame["id"] not in already:
                await self.send_json(frame)
                EVENTS_DELIVERED.inc()
        self.heads.update({stream: max(head, self.heads.get(stream, 0))
                           for stream, head in heads.items() if stream in self.streams})
        self.sent_before_resume = None
        await self.send_json({"type": "resumed"})

    async def stream_event(self, message: dict) -> None:
        event, stream = message["event"], message.get("stream")
        control = event["type"] == "session.ended"
        if control and (event.get("data") or {}).get("credential") in (None, self.credential):
            await self.end_session()
            return
        stale = time.monotonic() - self.keys_read_at > self.keys_max_age
        # Company-wide frames need no fresh keys (everyone holds `company`), so a post to
        # everyone does not make every socket query the database at the same moment.
        access_changed = event["type"].startswith(("group.", "person."))
        if (access_changed or (stale and "company" not in message.get("audience", ()))) \
                and not await self.refresh():
            await self.end_session()
            return
        head = self.heads.get(stream)
        if head is None or event["id"] <= head:
            return  # not a stream of this socket (any more), or already sent
        if message.get("prev", 0) > head:
            for frame in await _missed(self.user, self.keys, stream, head, event["id"]):
                await self._send_frame(frame)
        self.heads[stream] = event["id"]
        if control or self.keys.isdisjoint(message.get("audience", ())) \
                or _author(event) in self.blocked:
            return
        if is_per_reader(event):
            for frame in await _as_read_now(self.user, event):
                await self._send_frame(frame)
            return
        await self._send_frame(event)

    async def _send_frame(self, frame: dict) -> None:
        if self.sent_before_resume is not None and len(self.sent_before_resume) < REMEMBER_SENT:
            self.sent_before_resume.add(frame["id"])
        await self.send_json(frame)
        EVENTS_DELIVERED.inc()
