"""Reading the event log in tests as clients do: by position."""

from intranet.core.replay import head
from intranet.core.sequencer import dispatch_events


def latest_position() -> int:
    """The position of the latest event, once everything committed has one."""
    dispatch_events()
    return head()
