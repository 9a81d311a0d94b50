"""The safe outbound HTTP client: every fetch of a URL that someone else chose goes here.

Link previews and connectors fetch addresses typed by people or sent by remote servers,
so a fetch must not become a way into the company network (SSRF) nor a way to exhaust
a worker. `safe_get` therefore:

- accepts only http and https URLs without credentials, and follows redirects itself,
  checking each hop's URL again;
- refuses private, loopback, link-local, multicast and reserved addresses, unless
  FETCH_ALLOW_PRIVATE_NETWORKS allows them (feeds hosted on the company network);
- defeats DNS rebinding by resolving each host once, in `resolve_host`, checking every
  address it returned, and connecting to one of those very addresses: the connection
  is opened by a network backend of our own, below httpx, so nothing resolves the name
  a second time. The URL keeps its host name, so the Host header, TLS SNI and the
  certificate check still use the name;
- bounds the whole fetch (DNS aside, which the system resolver bounds), connections,
  TLS handshakes and every read included, by one deadline rather than per operation,
  so a server that sends a byte at a time cannot hold a worker;
- bounds the body after decoding, so a gzip bomb is cut off, and keeps decoding in
  small steps so that memory stays bounded too.
"""

import contextlib
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import Any

import httpcore
import httpx
from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CREDENTIAL_HEADERS = ("Authorization", "Cookie", "Proxy-Authorization")
_CONTENT_ENCODINGS = ("gzip", "deflate")
# Deflate expands at most about 1,000 times, so decoding the body in slices of this many
# compressed bytes never holds more than about a megabyte beyond the limit.
_DECODE_SLICE = 1024
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchError(Exception):
    """A fetch that gave no usable response; `code` says why, for machines."""

    code = "fetch_failed"
    default_message = _("The address could not be fetched.")
    status: int | None = None

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class BadURL(FetchError):
    code = "bad_url"
    default_message = _("Only http and https addresses without credentials can be fetched.")


class BlockedAddress(FetchError):
    code = "blocked_address"
    default_message = _("That address is on a private or reserved network.")


class ConnectionFailed(FetchError):
    code = "connection_failed"
    default_message = _("The server could not be reached.")


class FetchTimeout(FetchError):
    code = "timeout"
    default_message = _("The server took too long to answer.")


class ResponseTooLarge(FetchError):
    code = "too_large"
    default_message = _("The response is too large.")


class TooManyRedirects(FetchError):
    code = "too_many_redirects"
    default_message = _("The address redirects too many times.")


class BadResponse(FetchError):
    code = "bad_response"
    default_message = _("The server sent a response that could not be read.")


class HTTPStatusError(FetchError):
    code = "http_error"

    def __init__(self, status: int) -> None:
        self.status = status
        super().__init__(_("The server answered with status %(status)d.") % {"status": status})


@dataclass(frozen=True)
class FetchResult:
    """A 2xx or 304 response; `url` is where the redirects ended."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("Last-Modified")

    @property
    def content_type(self) -> str:
        """The media type alone, lower-cased ("" when the server sent none)."""
        return self.headers.get("Content-Type", "").partition(";")[0].strip().lower()

    @property
    def text(self) -> str:
        """The body decoded by its declared charset, else UTF-8.

        Formats that declare their encoding inside the document (XML, HTML) are better
        parsed from `content`.
        """
        header = Message()
        header["Content-Type"] = self.headers.get("Content-Type", "")
        try:
            return self.content.decode(header.get_content_charset() or "utf-8", "replace")
        except LookupError:
            return self.content.decode("utf-8", "replace")


def is_public_address(address: IPAddress) -> bool:
    """Whether `address` is on the public internet.

    `is_global` leaves out private, loopback, link-local, unspecified and CGNAT
    (100.64.0.0/10) ranges, but counts multicast and some reserved ranges as global.
    IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) reach that address,
    so they are judged by it.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return is_public_address(address.ipv4_mapped)
        if address in _NAT64:
            return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address.sixtofour:
            return is_public_address(address.sixtofour)
        if address.is_site_local:
            return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """The addresses `host` resolves to, in the system resolver's order of preference."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise ConnectionFailed(_("The host name could not be resolved.")) from error
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in found))


def _vetted_addresses(host: str, port: int, *, allow_private: bool) -> list[IPAddress]:
    """Resolve `host`, refusing it when any of its addresses is not public.

    One bad address is enough: a name that also points inside the network is suspect.
    """
    addresses = resolve_host(host, port)
    if not addresses:
        raise ConnectionFailed(_("The host name could not be resolved."))
    if not allow_private and not all(is_public_address(address) for address in addresses):
        raise BlockedAddress
    return addresses


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchTimeout
    return left


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation may last only until the fetch's deadline.

    What is left of the deadline replaces httpcore's per-operation timeout, which is
    never shorter.
    """

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _remaining(self._deadline))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _remaining(self._deadline))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        stream = self._stream.start_tls(ssl_context, server_hostname, _remaining(self._deadline))
        return _DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _VettedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to addresses that `_vetted_addresses` accepted.

    httpcore asks it for `host:port` by name; it resolves the name itself and connects
    to the resulting address, while TLS is still started for the name.
    """

    def __init__(self, *, allow_private: bool, deadline: float) -> None:
        self._allow_private = allow_private
        self._deadline = deadline
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        *others, last = _vetted_addresses(host, port, allow_private=self._allow_private)
        for address in others:
            with contextlib.suppress(httpcore.ConnectError):
                return self._connect(address, port, socket_options)
        return self._connect(last, port, socket_options)

    def _connect(self, address: IPAddress, port: int,
                 socket_options: Iterable[Any] | None) -> _DeadlineStream:
        stream = self._sockets.connect_tcp(str(address), port, _remaining(self._deadline),
                                           socket_options=socket_options)
        return _DeadlineStream(stream, self._deadline)


class _SlicedBody(httpx.SyncByteStream):
    """The raw body in small slices, so that httpx decodes it a little at a time."""

    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._response.iter_stream():
            for start in range(0, len(chunk), _DECODE_SLICE):
                yield chunk[start:start + _DECODE_SLICE]

    def close(self) -> None:
        self._response.close()


class _Transport(httpx.BaseTransport):
    """httpx's default transport, less proxies, over the vetted backend.

    It is used without an `httpx.Client`, which would log every URL, query included.
    """

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                             network_backend=backend)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                           port=request.url.port, target=request.url.raw_path)
        response = self._pool.handle_request(httpcore.Request(
            request.method, url, headers=request.headers.raw, content=request.stream,
            extensions=request.extensions,
        ))
        return httpx.Response(response.status, headers=response.headers,
                              stream=_SlicedBody(response), extensions=response.extensions)

    def close(self) -> None:
        self._pool.close()


def _checked_url(location: str, base: httpx.URL | None = None) -> httpx.URL:
    try:
        url = base.join(location) if base else httpx.URL(location)
    except httpx.InvalidURL as error:
        raise BadURL from error
    if url.scheme not in ("http", "https") or not url.host or url.userinfo:
        raise BadURL
    return url


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLarge
    encodings = {coding.strip().lower()
                 for coding in response.headers.get("Content-Encoding", "").split(",")}
    if encodings - {*_CONTENT_ENCODINGS, "identity", ""}:
        raise BadResponse(_("The server used a content encoding that was not asked for."))
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes or response.num_bytes_downloaded > max_bytes:
            raise ResponseTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _follow(transport: httpx.BaseTransport, url: httpx.URL, headers: httpx.Headers, *,
             max_bytes: int, max_redirects: int) -> FetchResult:
    for _hop in range(max_redirects + 1):
        response = transport.handle_request(httpx.Request("GET", url, headers=headers))
        with contextlib.closing(response):
            location = response.headers.get("Location")
            if response.status_code in _REDIRECT_STATUSES and location:
                target = _checked_url(location, base=url)
                if _origin(target) != _origin(url):
                    headers = headers.copy()
                    for name in _CREDENTIAL_HEADERS:
                        headers.pop(name, None)
                url = target
                continue
            if not (200 <= response.status_code < 300 or response.status_code == 304):
                raise HTTPStatusError(response.status_code)
            return FetchResult(url=str(url), status=response.status_code,
                               headers=response.headers, content=_read_body(response, max_bytes))
    raise TooManyRedirects


@contextlib.contextmanager
def _as_fetch_errors() -> Iterator[None]:
    """httpcore's and httpx's own exceptions, as the `FetchError` callers expect."""
    try:
        yield
    except httpcore.TimeoutException as error:
        raise FetchTimeout from error
    except (httpcore.NetworkError, httpcore.ProtocolError) as error:
        raise ConnectionFailed from error
    except httpx.DecodingError as error:
        raise BadResponse from error


def _loggable(url: str) -> str:
    """Scheme, host and path alone: query strings may carry tokens."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return "<invalid url>"
    return f"{parsed.scheme}://{parsed.netloc.decode('ascii')}{parsed.path}"


def safe_get(url: str, *, headers: Mapping[str, str] | None = None,
             max_bytes: int | None = None, timeout: float | None = None,
             max_redirects: int | None = None, accept: str | None = None) -> FetchResult:
    """GET `url` within the FETCH_* settings' limits, or those given; raise a `FetchError`.

    For a conditional request pass If-None-Match or If-Modified-Since in `headers`: a
    304 comes back as a result (`not_modified`), not an error. Authorization and cookie
    headers are dropped when a redirect leaves the URL's origin.
    """
    max_bytes = settings.FETCH_MAX_BYTES if max_bytes is None else max_bytes
    timeout = settings.FETCH_TIMEOUT_SECONDS if timeout is None else timeout
    max_redirects = settings.FETCH_MAX_REDIRECTS if max_redirects is None else max_redirects
    request_headers = httpx.Headers({"User-Agent": settings.FETCH_USER_AGENT, "Accept": "*/*"})
    request_headers.update(headers or {})
    if accept:
        request_headers["Accept"] = accept
    request_headers["Accept-Encoding"] = ", ".join(_CONTENT_ENCODINGS)
    started = time.monotonic()
    backend = _VettedBackend(allow_private=settings.FETCH_ALLOW_PRIVATE_NETWORKS,
                             deadline=started + timeout)
    try:
        with _as_fetch_errors(), _Transport(backend) as transport:
            result = _follow(transport, _checked_url(url), request_headers,
                             max_bytes=max_bytes, max_redirects=max_redirects)
    except FetchError as error:
        logger.info("GET %s failed: %s (%d ms)", _loggable(url), error.status or error.code,
                    (time.monotonic() - started) * 1000)
        raise
    logger.info("GET %s %d, %d bytes (%d ms)", _loggable(url), result.status,
                len(result.content), (time.monotonic() - started) * 1000)
    return result
