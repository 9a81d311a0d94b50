"""The event log: what happened, to whom it is sent, and who may see it.

`publish_event` writes the row in the caller's transaction and, once that commits, sends
it to the channel-layer group of its stream, where sockets relay it. Streams say who is
sent an event (`company`, `group:<id>`, `user:<id>`); audience keys say who may see it.
"""

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from intranet.core.consumers import stream_group
from intranet.core.models import Event

logger = logging.getLogger(__name__)


def event_frame(event: Event) -> dict[str, Any]:
    """The frame clients receive, on the socket and from the catch-up endpoint."""
    return {"id": event.id, "type": event.type, "data": event.data}


def _send(event: Event) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(stream_group(event.stream),
                                        {"type": "stream.event", "event": event_frame(event)})
    except Exception:
        # A lost live frame is recovered by the catch-up; the change itself stands.
        logger.exception("Could not send event %s to %s", event.id, event.stream)


def publish_event(*, stream: str, type: str, data: dict[str, Any],
                  audience: list[str] | None = None) -> Event:
    """Record an event with the change and send it live once the change commits."""
    event = Event.objects.create(stream=stream, type=type, data=data,
                                 audience=audience if audience is not None else [stream])
    transaction.on_commit(lambda: _send(event), robust=True)
    return event
