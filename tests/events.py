"""Reading the event log in tests as clients do: by position."""

from intranet.core.replay import head
from intranet.core.sequencer import dispatch_events


def latest_position() -> int:
    """The position of the latest event, once everything committed has one."""
    dispatch_events()
    return head()


def catch_up(api, since: int, *groups: str) -> list[dict]:
    """Every frame `GET /api/v1/events/` gives since `since`, following `next`, once
    everything committed has a position (the dispatcher thread gives them soon after)."""
    dispatch_events()
    frames, url = [], f"/api/v1/events/?since={since}" + "".join(f"&group={g}" for g in groups)
    while url:
        page = api.get(url).json()
        frames += page["results"]
        url = page["next"]
    return frames
