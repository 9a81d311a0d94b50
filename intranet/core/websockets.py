"""The suite's websocket endpoint, assembled from what the apps register at start-up
(feeds: the live feed's consumer; accounts: who the socket belongs to), so that a host
site's `asgi.py` routes it with one call and the core names no app."""

from collections.abc import Callable
from typing import Any

from channels.routing import URLRouter
from django.urls import path

_routes: dict[str, Any] = {}
_wrappers: list[Callable[[Any], Any]] = []


def register_websocket(route: str, consumer: Any) -> None:
    """Serve the ASGI application `consumer` (a consumer's `as_asgi()`) at `route`."""
    _routes[route] = consumer


def register_websocket_middleware(wrap: Callable[[Any], Any]) -> None:
    """Wrap every websocket route with `wrap` (authentication, for one)."""
    if wrap not in _wrappers:
        _wrappers.append(wrap)


def websocket_application() -> Any:
    """The routes, wrapped by each registered middleware (the first registered outermost)."""
    application = URLRouter([path(route, consumer) for route, consumer in _routes.items()])
    for wrap in reversed(_wrappers):
        application = wrap(application)
    return application
