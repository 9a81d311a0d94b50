"""Each web process keeps the event log moving while it holds sockets.

Writers number and send their events once they commit (`intranet.core.sequencer`); a
writer that dies in between would leave its events behind, so each web process sweeps
the log every second. On the embedded default the in-memory channel layer lives in the
web process alone, so events written by the worker or a management command would never
reach a socket: there the web process reads newly numbered events a few times a second
and sends them itself.
"""

import asyncio
import logging

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from intranet.core.events import channel_message, relays_across_processes
from intranet.core.models import Event
from intranet.core.sequencer import dispatch_events
from intranet.core.streams import stream_group

logger = logging.getLogger(__name__)
SWEEP_SECONDS = 1.0
LOCAL_POLL_SECONDS = 0.25

_tasks: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}


@database_sync_to_async
def _head() -> int:
    return Event.objects.exclude(position=None).order_by("-position") \
        .values_list("position", flat=True).first() or 0


@database_sync_to_async
def _numbered_after(position: int) -> list[Event]:
    dispatch_events()
    return list(Event.objects.filter(position__gt=position).order_by("position")[:500])


async def _relay_locally() -> None:
    layer = get_channel_layer()
    last = await _head()
    while True:
        try:
            for event in await _numbered_after(last):
                await layer.group_send(stream_group(event.stream), channel_message(event))
                last = event.position
        except Exception:
            logger.exception("Relaying events failed; retrying")
        await asyncio.sleep(LOCAL_POLL_SECONDS)


async def _sweep() -> None:
    while True:
        try:
            await database_sync_to_async(dispatch_events)()
        except Exception:
            logger.exception("Sweeping the event log failed; retrying")
        await asyncio.sleep(SWEEP_SECONDS)


def ensure_relay() -> None:
    """Start the sweep (or the local relay) in this process's event loop, once."""
    loop = asyncio.get_running_loop()
    for other in [other for other in _tasks if other.is_closed()]:
        del _tasks[other]
    if loop not in _tasks or _tasks[loop].done():
        _tasks[loop] = loop.create_task(
            _sweep() if relays_across_processes() else _relay_locally())
