"""A local HTTP server that plays the channels (payloads in each service's real format),
an official account, a curator, and sources to poll."""

import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from intranet.plugins.connectors.registry import installed
from intranet.plugins.services.sources import source_create
from tests.feeds.conftest import give_role

PAYLOADS = Path(__file__).parent / "payloads"
TYPES = {".xml": "application/xml", ".json": "application/json"}


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


@dataclass
class Request:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class Handler(BaseHTTPRequestHandler):
    server: "ChannelServer"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        request = Request(url.path, parse_qs(url.query),
                          {name.lower(): value for name, value in self.headers.items()})
        self.server.requests.append(request)
        route = self.server.routes.get(url.path)
        with suppress(OSError):
            if route is None:
                self.reply(404, b"not found")
            else:
                route(self, request)

    def reply(self, status: int, body: bytes = b"", content_type: str = "text/plain",
              **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)


Route = Callable[[Handler, Request], None]


class ChannelServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def serve(self, path: str, body: bytes | str, content_type: str | None = None,
              **headers: str) -> str:
        """Answer `path` with a fixed body (a payload file's name, or bytes)."""
        if isinstance(body, str):
            content_type = content_type or TYPES[Path(body).suffix]
            body = payload(body)

        def route(handler: Handler, request: Request) -> None:
            handler.reply(200, body, content_type or "application/octet-stream", **headers)

        self.routes[path] = route
        return f"{self.url}{path}"

    def hits(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]


@pytest.fixture
def channels(settings):
    """The channel server; outbound fetches may reach it on loopback."""
    settings.FETCH_ALLOW_PRIVATE_NETWORKS = True
    settings.FETCH_TIMEOUT_SECONDS = 3
    installed.cache_clear()
    server = ChannelServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@dataclass
class Brand:
    account: object
    curator: object
    sources: list = field(default_factory=list)

    def source(self, connector: str, settings: dict, **options):
        options.setdefault("name", f"{connector} {len(self.sources) + 1}")
        source = source_create(actor=self.curator, connector=connector, settings=settings,
                               **options)
        self.sources.append(source)
        return source


def make_brand(make_person) -> Brand:
    """An official account and a curator of the Communications role."""
    account = make_person("acme", first_name="Acme", is_official=True)
    curator = make_person("carla")
    give_role(curator, "Communications")
    return Brand(account=account, curator=curator)


@pytest.fixture
def brand(make_person) -> Brand:
    return make_brand(make_person)
