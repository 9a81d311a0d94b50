"""The event log: what happened, to whom it is sent, and who may see it.

`publish_event` writes the row in the caller's transaction, without taking any lock; once
that commits, the sequencer gives it its position and sends it to the channel-layer group
of its stream, where sockets relay it (`intranet.core.sequencer`). Streams say who is sent
an event (`company`, `group:<id>`, `user:<id>`); audience keys say who may see it.
"""

import json
from collections.abc import Callable
from typing import Any

from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from intranet.core.metrics import EVENTS_PUBLISHED
from intranet.core.models import Event


def event_frame(event: Event) -> dict[str, Any]:
    """The frame clients receive, on the socket and from the catch-up endpoint."""
    return {"id": event.position, "type": event.type, "data": event.data}


def channel_message(event: Event) -> dict[str, Any]:
    """What travels on the channel layer: the frame, its stream and the previous position
    of that stream (so a socket notices a frame it never received), and the audience
    sockets check."""
    return {"type": "stream.event", "event": event_frame(event), "stream": event.stream,
            "prev": event.prev or 0, "audience": event.audience}


EventListener = Callable[[Event], None]
_listeners: list[EventListener] = []


def register_event_listener(listener: EventListener) -> None:
    """Call `listener` with every event, inside the transaction that writes it.

    This is how an app reacts to another's events without importing it: the feeds turn
    the groups' events into notifications.
    """
    _listeners.append(listener)


def _as_json(data: dict[str, Any]) -> dict[str, Any]:
    """As JSON sees it (times as ISO strings), so the live frame equals the stored one."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def publish_event(*, stream: str, type: str, data: dict[str, Any],
                  audience: list[str] | None = None) -> Event:
    """Record an event with the change and send it live once the change commits."""
    event = Event.objects.create(stream=stream, type=type, data=_as_json(data),
                                 audience=audience if audience is not None else [stream])
    for listener in _listeners:
        listener(event)
    _dispatch_on_commit()
    transaction.on_commit(EVENTS_PUBLISHED.inc)
    return event


def publish_events(events: list[Event]) -> list[Event]:
    """Record many events in one statement (fan-out to many people's streams).

    Listeners are not called: bulk events are for people's own streams, written by the
    service that already did what a listener would."""
    for event in events:
        event.data = _as_json(event.data)
        if not event.audience:
            event.audience = [event.stream]
    created = Event.objects.bulk_create(events, batch_size=1000)
    _dispatch_on_commit()
    transaction.on_commit(lambda: EVENTS_PUBLISHED.inc(len(created)))
    return created


def _dispatch_on_commit() -> None:
    from intranet.core.sequencer import dispatch_soon

    connection = transaction.get_connection()
    if not any(callback is dispatch_soon for _sids, callback, _robust
               in connection.run_on_commit):
        transaction.on_commit(dispatch_soon, robust=True)


def relays_across_processes() -> bool:
    """Whether the channel layer reaches other processes (Redis).

    With the in-memory layer only the web process can reach its sockets, so there it
    relays every event from the log, whichever process wrote it (`intranet.core.relay`).
    """
    return not isinstance(get_channel_layer(), InMemoryChannelLayer)
