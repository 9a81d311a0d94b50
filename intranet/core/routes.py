"""Where each app's pages and API live, registered at start-up, so that a host site
includes the whole suite with one line (`intranet.core.urls`) and the core names no app."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Routes:
    prefix: str  # of the app's pages, e.g. "groups/"
    pages: str | None = None  # the URLconf module of its pages
    api: str | None = None  # the URLconf module of its part of /api/v1/


_routes: dict[str, Routes] = {}


def register_routes(prefix: str, *, pages: str | None = None, api: str | None = None) -> None:
    """Serve the app's pages under `prefix` and its API under /api/v1/."""
    _routes[prefix] = Routes(prefix, pages, api)


def routes() -> list[Routes]:
    return list(_routes.values())
