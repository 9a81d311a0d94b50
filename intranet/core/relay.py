"""On the embedded default, the web process relays the event log to its sockets.

The in-memory channel layer lives in the web process alone, so events written by the
worker or a management command would never reach a socket. There, instead of sending
on commit, the web process reads new log rows a few times a second and sends them
itself; SQLite commits one writer at a time, so ids arrive in order and none is skipped.
"""

import asyncio
import logging

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from intranet.core.events import channel_message, relays_across_processes
from intranet.core.models import Event
from intranet.core.streams import stream_group

logger = logging.getLogger(__name__)
POLL_SECONDS = 0.25

_tasks: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}


@database_sync_to_async
def _latest_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


@database_sync_to_async
def _after(last_id: int) -> list[Event]:
    return list(Event.objects.filter(id__gt=last_id).order_by("id")[:500])


async def _relay() -> None:
    layer = get_channel_layer()
    last_id = await _latest_id()
    while True:
        try:
            for event in await _after(last_id):
                await layer.group_send(stream_group(event.stream), channel_message(event))
                last_id = event.id
        except Exception:
            logger.exception("Relaying events failed; retrying")
        await asyncio.sleep(POLL_SECONDS)


def ensure_relay() -> None:
    """Start the relay in this process's event loop, once, when sockets need it."""
    if relays_across_processes():
        return
    loop = asyncio.get_running_loop()
    for other in [other for other in _tasks if other.is_closed()]:
        del _tasks[other]
    if loop not in _tasks or _tasks[loop].done():
        _tasks[loop] = loop.create_task(_relay())
