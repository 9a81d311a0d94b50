"""The event log: what happened, to whom it is sent, and who may see it.

`publish_event` writes the row in the caller's transaction and, once that commits, sends
it to the channel-layer group of its stream, where sockets relay it. Streams say who is
sent an event (`company`, `group:<id>`, `user:<id>`); audience keys say who may see it.
"""

import json
import logging
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from intranet.core.models import Event
from intranet.core.streams import stream_group

logger = logging.getLogger(__name__)
EVENT_ORDER_LOCK = 8_231_001


def event_frame(event: Event) -> dict[str, Any]:
    """The frame clients receive, on the socket and from the catch-up endpoint."""
    return {"id": event.id, "type": event.type, "data": event.data}


def channel_message(event: Event) -> dict[str, Any]:
    """What travels on the channel layer: the frame, and the audience sockets check."""
    return {"type": "stream.event", "event": event_frame(event), "audience": event.audience}


def _send(event: Event) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(stream_group(event.stream), channel_message(event))
    except Exception:
        # A lost live frame is recovered by the catch-up; the change itself stands.
        logger.exception("Could not send event %s to %s", event.id, event.stream)


EventListener = Callable[[Event], None]
_listeners: list[EventListener] = []


def register_event_listener(listener: EventListener) -> None:
    """Call `listener` with every event, inside the transaction that writes it.

    This is how an app reacts to another's events without importing it: the feeds turn
    the groups' events into notifications.
    """
    _listeners.append(listener)


def publish_event(*, stream: str, type: str, data: dict[str, Any],
                  audience: list[str] | None = None) -> Event:
    """Record an event with the change and send it live once the change commits."""
    _order_events()
    # As JSON sees it (times as ISO strings), so the live frame equals the stored one.
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    event = Event.objects.create(stream=stream, type=type, data=data,
                                 audience=audience if audience is not None else [stream])
    for listener in _listeners:
        listener(event)
    if relays_across_processes():
        transaction.on_commit(lambda: _send(event), robust=True)
    return event


def _order_events() -> None:
    """Make event ids commit in the order they are given.

    Ids come from a sequence, and concurrent transactions can commit out of id order; a
    client catching up from "the last id I saw" would then skip the late one. Writers
    therefore take one transaction-scoped lock before their first event, so the next
    writer's ids start only after this transaction commits. SQLite writes one
    transaction at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [EVENT_ORDER_LOCK])


def relays_across_processes() -> bool:
    """Whether the channel layer reaches other processes (Redis).

    With the in-memory layer only the web process can reach its sockets, so there it
    relays every event from the log, whichever process wrote it (see `relay_events`).
    """
    return not isinstance(get_channel_layer(), InMemoryChannelLayer)
