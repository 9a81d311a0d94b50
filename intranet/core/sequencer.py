"""The sequencer: committed events get their position, in the order they became visible.

Writers take no lock: they insert events without a position, in their own transaction.
Once it commits, the writer wakes its process's dispatcher thread (`dispatch_soon`),
which runs `dispatch_events` outside the request; each web process also sweeps every
second, for a process that died in between. One sequencer at a time (a transaction-scoped
advisory lock on PostgreSQL; SQLite has one writer) numbers every committed event that has
none, each one more than the last, in one short transaction, and records for each the
previous position of its stream. An event that commits late therefore gets a later
position, never an earlier one: a client that has seen position N has seen every event of
its streams up to N, and resuming "since N" skips nothing.

A sequencer that finds the lock taken leaves at once, so no writer waits: the holder looks
again after releasing it, and numbers what committed meanwhile. With Redis, whoever
numbered a batch sends it to the channel layer after its commit; two batches may then
reach a socket out of order, which the consumer repairs by each event's `prev`.
"""

import asyncio
import logging
import os
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction
from django.db.models import Max

from intranet.core.events import channel_message, relays_across_processes
from intranet.core.models import Event, StreamHead
from intranet.core.streams import stream_group

logger = logging.getLogger(__name__)
SEQUENCER_LOCK = 8_231_002
BATCH = 1000


def _sequencer_lock() -> bool:
    """Whether this transaction may number events now (it then holds the lock)."""
    if connection.vendor != "postgresql":
        return True  # SQLite: transactions are IMMEDIATE, one writer at a time
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SEQUENCER_LOCK])
        return cursor.fetchone()[0]


def sequence_events(limit: int = BATCH) -> list[Event] | None:
    """Number up to `limit` committed events that have no position yet, oldest first.

    Returns the events numbered, or None when another sequencer holds the lock."""
    with transaction.atomic():
        if not _sequencer_lock():
            return None
        pending = list(Event.objects.filter(position__isnull=True).order_by("id")[:limit])
        if not pending:
            return []
        position = Event.objects.aggregate(head=Max("position"))["head"] or 0
        heads = dict(StreamHead.objects.filter(stream__in={e.stream for e in pending})
                     .values_list("stream", "position"))
        for event in pending:
            position += 1
            event.position, event.prev = position, heads.get(event.stream, 0)
            heads[event.stream] = position
        Event.objects.bulk_update(pending, ["position", "prev"], batch_size=BATCH)
        StreamHead.objects.bulk_create(
            [StreamHead(stream=stream, position=head) for stream, head in heads.items()],
            update_conflicts=True, unique_fields=["stream"], update_fields=["position"],
            batch_size=BATCH)
    return pending


def send_events(events: list[Event]) -> None:
    """Send numbered events to their streams' channel-layer groups, in order."""
    layer = get_channel_layer()
    if layer is None or not events:
        return

    async def send_all() -> None:
        for event in events:
            await layer.group_send(stream_group(event.stream), channel_message(event))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        # Called by synchronous code inside an event loop's thread (a test driving a
        # browser): send from a thread of its own.
        threading.Thread(target=send_events, args=(events,), daemon=True).start()
        return
    try:
        async_to_sync(send_all)()
    except Exception:
        # A lost live frame is noticed by the next one of its stream (`prev`), and
        # recovered from the log; the change itself stands.
        logger.exception("Could not send events %s to %s", events[0].position,
                         events[-1].position)


def dispatch_events() -> int:
    """Number what has committed and, across processes (Redis), send it; how many."""
    numbered = 0
    while True:
        batch = sequence_events()
        if batch is None:
            return numbered
        if batch and relays_across_processes():
            send_events(batch)
        numbered += len(batch)
        if not Event.objects.filter(position__isnull=True).exists():
            return numbered


class _Dispatcher(threading.Thread):
    """Numbers and sends this process's committed events in the background, so that no
    request waits for it; the commits that arrive meanwhile are taken in one go."""

    def __init__(self) -> None:
        super().__init__(name="event-dispatcher", daemon=True)
        self.wanted = threading.Event()
        self.idle = threading.Event()
        self.idle.set()

    def run(self) -> None:
        while True:
            self.wanted.wait()
            self.wanted.clear()
            try:
                dispatch_events()
            except Exception:
                # What is left is numbered by the next commit or the web process's sweep.
                logger.exception("Dispatching events failed")
            finally:
                connection.close()
                if not self.wanted.is_set():
                    self.idle.set()


_dispatcher: _Dispatcher | None = None
_dispatcher_lock = threading.Lock()
_dispatcher_pid = 0


def dispatch_soon() -> None:
    """After a commit: have this process's dispatcher number and send what committed."""
    global _dispatcher, _dispatcher_pid
    with _dispatcher_lock:
        if _dispatcher is None or _dispatcher_pid != os.getpid() or not _dispatcher.is_alive():
            _dispatcher, _dispatcher_pid = _Dispatcher(), os.getpid()
            _dispatcher.start()
    _dispatcher.idle.clear()
    _dispatcher.wanted.set()


def wait_until_idle(timeout: float = 10.0) -> bool:
    """Wait for this process's dispatcher to finish what it was asked: for a process
    about to stop, or a test about to empty the database under it."""
    dispatcher = _dispatcher
    if dispatcher is None or _dispatcher_pid != os.getpid():
        return True
    return dispatcher.idle.wait(timeout)
