"""Naming for the websocket streams that every app's events travel on."""

NOT_AUTHENTICATED = 4401


def stream_group(stream: str) -> str:
    """Channel-layer group names allow no colons: `user:7` travels as `user.7`."""
    return stream.replace(":", ".")
