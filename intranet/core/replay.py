"""Replaying the event log to a client that comes back.

A client gives the last position it saw; it gets what happened since in its streams,
oldest first, filtered by what it may read *now*, each frame as things are now: an edited
post carries its current text, a post deleted or withdrawn since comes back as its
removal. Apps say how their events are brought up to date (`register_frame_resolver`);
an event of a type no app resolves is not replayed. The log keeps events for
`EVENT_RETENTION_DAYS`: a client that saw nothing since before that is told to reload.
"""

from collections.abc import Callable, Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Max, Min

from intranet.core.events import event_frame
from intranet.core.models import Event, StreamHead

PAGE = 500
Frame = dict
FrameResolver = Callable[[AbstractBaseUser, list[Frame]], list[Frame]]
_resolvers: dict[str, FrameResolver] = {}


class TooOld(Exception):
    """The log no longer holds everything since that position: the client must reload."""


def register_frame_resolver(prefix: str, resolver: FrameResolver) -> None:
    """Frames whose type starts with `prefix` (`"post."`) are brought to their current
    state for a reader by `resolver`, which returns those to send: fewer (no longer
    readable), or changed (a post deleted since becomes `post.deleted`)."""
    _resolvers[prefix] = resolver


def _resolver_of(kind: str) -> str | None:
    matches = [prefix for prefix in _resolvers if kind.startswith(prefix)]
    return max(matches, key=len) if matches else None


def is_per_reader(frame: Frame) -> bool:
    """Whether a frame means something different to each reader, so that sockets resolve
    it before sending it, as the catch-up does: `<kind>.moderated` (content held, hidden
    or restored) is its update for those who still read it, its removal for the others.
    Such frames carry ids only, never the content."""
    return frame["type"].endswith(".moderated")


def resolve(user: AbstractBaseUser, frames: list[Frame]) -> list[Frame]:
    """Each frame as things are now for `user`, in position order."""
    by_resolver: dict[str, list[Frame]] = {}
    for frame in frames:
        prefix = _resolver_of(frame["type"])
        if prefix is not None:
            by_resolver.setdefault(prefix, []).append(frame)
    current = [frame for prefix, batch in by_resolver.items()
               for frame in _resolvers[prefix](user, batch)]
    return sorted(current, key=lambda frame: frame["id"])


def person_streams(user: AbstractBaseUser, keys: frozenset[str],
                   watching: Iterable[int] = ()) -> set[str]:
    """The streams a person's socket receives: the company's, their own, their groups',
    and the open groups a page watches (checked by the caller)."""
    groups = {int(key.removeprefix("member:")) for key in keys if key.startswith("member:")}
    return {"company", f"user:{user.pk}", *(f"group:{pk}" for pk in groups | set(watching))}


def check_since(since: int) -> None:
    """Raise TooOld unless the log holds every event after `since`."""
    bounds = Event.objects.exclude(position=None).aggregate(first=Min("position"),
                                                            head=Max("position"))
    first, head = bounds["first"] or 0, bounds["head"] or 0
    if since > head or (first and since < first - 1) or since < 0:
        raise TooOld


def head() -> int:
    """The latest position given so far."""
    return Event.objects.exclude(position=None).aggregate(head=Max("position"))["head"] or 0


def stream_heads(streams: Iterable[str]) -> dict[str, int]:
    """The latest position of each stream (0 for a stream with no event yet), read in one
    statement, so they are consistent with each other."""
    streams = set(streams)
    heads = dict(StreamHead.objects.filter(stream__in=streams).values_list("stream",
                                                                           "position"))
    return {stream: heads.get(stream, 0) for stream in streams}


def replay(user: AbstractBaseUser, keys: frozenset[str], streams: Iterable[str], since: int,
           *, heads: dict[str, int] | None = None, before: int | None = None,
           limit: int = PAGE) -> tuple[list[Frame], int | None]:
    """Frames after `since` in `streams` that `user` may see now, oldest first, and the
    position to go on from when more remain (None when this is all).

    With `heads`, each stream stops at its head (later events arrive live); with
    `before`, only events before that position (a gap in one stream)."""
    rows = Event.objects.filter(position__gt=since, stream__in=set(streams))
    if heads is not None:
        rows = rows.filter(position__lte=max(heads.values(), default=0))
    if before is not None:
        rows = rows.filter(position__lt=before)
    rows = list(rows.order_by("position")[:limit + 1])
    next_since = rows[limit - 1].position if len(rows) > limit else None
    frames = [event_frame(row) for row in rows[:limit]
              if (heads is None or row.position <= heads.get(row.stream, 0))
              and not keys.isdisjoint(row.audience)]
    return resolve(user, frames), next_since
