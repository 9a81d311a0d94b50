"""The safe HTTP client, against real HTTP and HTTPS servers on loopback.

The servers are on 127.0.0.1, so most tests allow private networks; the tests of refused
addresses turn that off and check that the server saw no connection at all. The resolver
seam (`resolve_host`) and the address classifier are replaced only where a test needs a
host name that no DNS knows, or 127.0.0.1 to count as "the internet".
"""

import gzip
import ipaddress
import json
import logging
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.test import override_settings

from intranet.core import http
from intranet.core.http import FetchError, is_public_address, safe_get

pytestmark = pytest.mark.smoke

PAGE = "Café au lait".encode("iso-8859-1")
BIG = b"x" * 200_000
LOOPBACK = ipaddress.ip_address("127.0.0.1")
UNSPECIFIED = "0.0.0.0"  # noqa: S104


def _gzip_bomb(megabytes: int = 64) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    return b"".join([*(compressor.compress(block) for _ in range(megabytes)),
                     compressor.flush()])


GZIP_BOMB = _gzip_bomb()


class Handler(BaseHTTPRequestHandler):
    server: "LoopbackServer"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.requests.append((self.path, headers))
        url = urlsplit(self.path)
        with suppress(OSError):
            self.route(url.path.strip("/").split("/"), parse_qs(url.query), headers)

    def reply(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def route(self, parts: list[str], query: dict[str, list[str]],
              headers: dict[str, str]) -> None:
        match parts:
            case ["page"]:
                self.reply(200, PAGE, Content_Type="text/html; charset=iso-8859-1")
            case ["echo"]:
                self.reply(200, json.dumps(headers).encode(), Content_Type="application/json")
            case ["big"]:
                self.send_response(200)
                self.end_headers()
                self.wfile.write(BIG)
            case ["big-length"]:
                self.send_response(200)
                self.send_header("Content-Length", str(10**9))
                self.end_headers()
                self.wfile.write(BIG)
            case ["gzip"]:
                self.reply(200, gzip.compress(PAGE), Content_Encoding="gzip",
                           Content_Type="text/plain; charset=iso-8859-1")
            case ["gzip-bomb"]:
                self.reply(200, GZIP_BOMB, Content_Encoding="gzip")
            case ["brotli"]:
                self.reply(200, b"\x1b\x00\x00", Content_Encoding="br")
            case ["slow"]:
                self.send_response(200)
                self.send_header("Content-Length", "10")
                self.end_headers()
                self.wfile.write(b"12345")
                self.wfile.flush()
                time.sleep(3)
                self.wfile.write(b"67890")
            case ["drip"]:
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            case ["redirect", count]:
                left = int(count) - 1
                self.reply(302, Location=f"/redirect/{left}" if left else "/page")
            case ["to"]:
                self.reply(302, Location=query["url"][0])
            case ["etag"]:
                if headers.get("if-none-match") == '"v1"':
                    self.reply(304, ETag='"v1"')
                else:
                    self.reply(200, b"v1", ETag='"v1"',
                               Last_Modified="Wed, 21 Oct 2015 07:28:00 GMT")
            case ["status", status]:
                self.reply(int(status), b"nope")


class LoopbackServer(ThreadingHTTPServer):
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.scheme = "https" if tls else "http"
        if tls:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.connections = 0

    def verify_request(self, request: object, client_address: object) -> bool:
        self.connections += 1
        return True

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.server_port}{path}"

    def reset(self) -> "LoopbackServer":
        self.requests.clear()
        self.connections = 0
        return self


@contextmanager
def running(server: LoopbackServer) -> Iterator[LoopbackServer]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def http_server() -> Iterator[LoopbackServer]:
    with running(LoopbackServer()) as server:
        yield server


@pytest.fixture
def server(http_server: LoopbackServer) -> LoopbackServer:
    return http_server.reset()


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A test CA (ca.pem) and a certificate it signed for feed.test (feed.pem, feed.key)."""
    if not shutil.which("openssl"):
        pytest.fail("The TLS tests make their certificates with the openssl command: install it.")
    directory = tmp_path_factory.mktemp("tls")
    new_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)

    openssl("req", "-x509", *new_key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Intranet test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign")
    openssl("req", *new_key, "-keyout", "feed.key", "-out", "feed.csr", "-subj", "/CN=feed.test")
    (directory / "feed.ext").write_text(
        "subjectAltName=DNS:feed.test\nbasicConstraints=CA:FALSE\nauthorityKeyIdentifier=keyid\n")
    openssl("x509", "-req", "-in", "feed.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "feed.pem", "-days", "2", "-extfile", "feed.ext")
    return directory


@pytest.fixture(scope="module")
def tls_server(certificates: Path) -> Iterator[LoopbackServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificates / "feed.pem", certificates / "feed.key")
    with running(LoopbackServer(context)) as server:
        yield server


@pytest.fixture
def private_allowed() -> Iterator[None]:
    with override_settings(FETCH_ALLOW_PRIVATE_NETWORKS=True):
        yield


@pytest.fixture
def private_refused() -> Iterator[None]:
    with override_settings(FETCH_ALLOW_PRIVATE_NETWORKS=False):
        yield


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch, private_refused: None) -> None:
    """127.0.0.1 plays a public server; every other address is judged as usual."""
    judge = http.is_public_address
    monkeypatch.setattr(http, "is_public_address",
                        lambda address: address == LOOPBACK or judge(address))


class ScriptedResolver:
    """Answers chosen names from a table (each answer once, the last one from then on), so
    that a test can make a name change its address between lookups as a rebinding attack
    does; every other name goes to the real resolver. The HTTP server stays real."""

    def __init__(self, resolve: Callable[[str, int], list[http.IPAddress]]) -> None:
        self.resolve = resolve
        self.answers: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> list[http.IPAddress]:
        if host not in self.answers:
            return self.resolve(host, port)
        self.lookups.append(host)
        answers = self.answers[host]
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        return [ipaddress.ip_address(address) for address in answer]


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> ScriptedResolver:
    resolver = ScriptedResolver(http.resolve_host)
    monkeypatch.setattr(http, "resolve_host", resolver)
    return resolver


def fetch_error(url: str, **options: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        safe_get(url, **options)
    return caught.value


@pytest.mark.parametrize("address", [
    "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1",
    "100.127.255.254", "169.254.169.254", "127.0.0.1", UNSPECIFIED, "224.0.0.1",
    "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.2.1",
    "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "fec0::1", "ff02::1", "2001:db8::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:100.64.0.1", "64:ff9b::a00:1",
    "2002:a00:1::1",
])
def test_private_and_special_addresses_are_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", [
    "8.8.8.8", "1.1.1.1", "2606:4700::1111", "2a00:1450:4007:80e::200e", "::ffff:8.8.8.8",
    "64:ff9b::808:808",
])
def test_public_addresses_are_public(address):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.usefixtures("private_allowed")
@pytest.mark.parametrize("url", [
    "ftp://127.0.0.1/", "file:///etc/passwd", "javascript:alert(1)", "http:///page",
    "not a url", "", "http://user:secret@127.0.0.1:{port}/page",
])
def test_only_http_urls_without_credentials_are_fetched(server, url):
    error = fetch_error(url.format(port=server.server_port))
    assert error.code == "bad_url"
    assert server.connections == 0


@pytest.mark.usefixtures("private_refused")
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", UNSPECIFIED, "127.1",
                                  "2130706433"])
def test_loopback_is_refused_before_connecting(server, host):
    error = fetch_error(server.url("/page", host=host))
    assert error.code == "blocked_address"
    assert server.connections == 0


@pytest.mark.usefixtures("private_allowed")
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", UNSPECIFIED, "127.1",
                                  "2130706433"])
def test_loopback_is_reached_when_private_networks_are_allowed(server, host):
    assert safe_get(server.url("/page", host=host)).content == PAGE
    assert [path for path, _ in server.requests] == ["/page"]


@pytest.mark.usefixtures("private_allowed")
def test_a_page_is_fetched_and_decoded_by_its_charset(server):
    result = safe_get(server.url("/page"))
    assert (result.status, result.content, result.text) == (200, PAGE, "Café au lait")
    assert result.url == server.url("/page")
    assert result.content_type == "text/html"
    assert not result.not_modified


@pytest.mark.usefixtures("private_allowed")
@override_settings(FETCH_USER_AGENT="TestBot/2")
def test_user_agent_accept_and_caller_headers_are_sent(server):
    sent = json.loads(safe_get(server.url("/echo"), accept="application/rss+xml",
                               headers={"X-Trace": "abc"}).content)
    assert sent["user-agent"] == "TestBot/2"
    assert sent["accept"] == "application/rss+xml"
    assert sent["x-trace"] == "abc"
    assert sent["accept-encoding"] == "gzip, deflate"
    assert sent["host"] == f"127.0.0.1:{server.server_port}"


@pytest.mark.usefixtures("private_allowed")
def test_a_gzipped_body_is_decoded(server):
    result = safe_get(server.url("/gzip"))
    assert result.content == PAGE
    assert result.text == "Café au lait"


@pytest.mark.usefixtures("private_allowed")
def test_a_conditional_request_gets_304_as_a_result(server):
    first = safe_get(server.url("/etag"))
    assert (first.etag, first.last_modified) == ('"v1"', "Wed, 21 Oct 2015 07:28:00 GMT")
    again = safe_get(server.url("/etag"), headers={"If-None-Match": first.etag})
    assert (again.status, again.not_modified, again.content) == (304, True, b"")


@pytest.mark.usefixtures("private_allowed")
@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_error_statuses_raise_http_error_with_the_status(server, status):
    error = fetch_error(server.url(f"/status/{status}"))
    assert (error.code, error.status) == ("http_error", status)


@pytest.mark.usefixtures("private_allowed")
def test_a_body_at_the_limit_is_kept_and_one_byte_more_is_refused(server):
    assert safe_get(server.url("/big"), max_bytes=len(BIG)).content == BIG
    assert fetch_error(server.url("/big"), max_bytes=len(BIG) - 1).code == "too_large"


@pytest.mark.usefixtures("private_allowed")
def test_the_size_limit_comes_from_settings_at_call_time(server):
    with override_settings(FETCH_MAX_BYTES=1000):
        assert fetch_error(server.url("/big")).code == "too_large"


@pytest.mark.usefixtures("private_allowed")
def test_an_announced_length_over_the_limit_is_refused(server):
    assert fetch_error(server.url("/big-length"), max_bytes=len(BIG) * 2).code == "too_large"


@pytest.mark.usefixtures("private_allowed")
def test_a_gzip_bomb_is_cut_off_after_decoding_in_bounded_memory(server):
    assert len(GZIP_BOMB) < 1_000_000
    tracemalloc.start()
    try:
        assert fetch_error(server.url("/gzip-bomb"), max_bytes=1_000_000).code == "too_large"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16_000_000


@pytest.mark.usefixtures("private_allowed")
def test_an_encoding_that_was_not_asked_for_is_refused(server):
    assert fetch_error(server.url("/brotli")).code == "bad_response"


@pytest.mark.usefixtures("private_allowed")
def test_a_body_that_stalls_times_out(server):
    assert fetch_error(server.url("/slow"), timeout=0.5).code == "timeout"


@pytest.mark.usefixtures("private_allowed")
@override_settings(FETCH_TIMEOUT_SECONDS=0.5)
def test_the_time_limit_covers_the_whole_fetch_not_each_read(server):
    assert fetch_error(server.url("/drip")).code == "timeout"


@pytest.mark.usefixtures("private_allowed")
def test_a_refused_connection_fails_cleanly(server):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert fetch_error(f"http://127.0.0.1:{port}/").code == "connection_failed"


@pytest.mark.usefixtures("private_allowed")
def test_redirects_are_followed_up_to_the_limit(server):
    result = safe_get(server.url("/redirect/3"), max_redirects=3)
    assert (result.url, result.content) == (server.url("/page"), PAGE)
    assert len(server.requests) == 4
    server.reset()
    assert fetch_error(server.url("/redirect/4"), max_redirects=3).code == "too_many_redirects"
    assert len(server.requests) == 4


@pytest.mark.usefixtures("private_allowed")
@override_settings(FETCH_MAX_REDIRECTS=1)
def test_the_redirect_limit_comes_from_settings(server):
    assert fetch_error(server.url("/redirect/2")).code == "too_many_redirects"
    assert len(server.requests) == 2


@pytest.mark.usefixtures("private_allowed")
@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/",
                                    "http://user:secret@127.0.0.1/"])
def test_a_redirect_off_http_is_refused(server, target):
    assert fetch_error(server.url(f"/to?url={quote(target, safe='')}")).code == "bad_url"
    assert len(server.requests) == 1


@pytest.mark.usefixtures("loopback_is_public")
@pytest.mark.parametrize("target", [
    "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:{port}/",
    "http://[::1]:{port}/", "http://0.0.0.0:{port}/", "http://internal.test/",
])
def test_a_redirect_to_a_private_address_is_refused(server, dns, target):
    dns.answers["internal.test"] = [["192.168.1.10"]]
    assert safe_get(server.url("/page")).content == PAGE
    server.reset()
    target = quote(target.format(port=server.server_port), safe="")
    assert fetch_error(server.url(f"/to?url={target}")).code == "blocked_address"
    assert server.connections == len(server.requests) == 1


@pytest.mark.usefixtures("private_allowed")
def test_credentials_are_dropped_when_a_redirect_leaves_the_origin(server, dns):
    dns.answers["other.test"] = [["127.0.0.1"]]
    secret = {"Authorization": "Bearer secret", "X-Trace": "abc"}
    same_origin = safe_get(server.url("/to?url=/echo"), headers=secret)
    assert json.loads(same_origin.content)["authorization"] == "Bearer secret"
    elsewhere = quote(server.url("/echo", host="other.test"), safe="")
    sent = json.loads(safe_get(server.url(f"/to?url={elsewhere}"), headers=secret).content)
    assert "authorization" not in sent
    assert sent["x-trace"] == "abc"


@pytest.mark.usefixtures("loopback_is_public")
def test_the_connection_goes_to_the_address_that_was_checked(server, dns):
    dns.answers["rebind.test"] = [["127.0.0.1"], ["10.0.0.1"]]
    sent = json.loads(safe_get(server.url("/echo", host="rebind.test")).content)
    assert sent["host"] == f"rebind.test:{server.server_port}"
    assert dns.lookups == ["rebind.test"]


@pytest.mark.usefixtures("loopback_is_public")
def test_every_new_connection_is_checked_again(server, dns):
    dns.answers["rebind.test"] = [["127.0.0.1"], ["10.0.0.1"]]
    assert fetch_error(server.url("/redirect/1", host="rebind.test")).code == "blocked_address"
    assert [path for path, _ in server.requests] == ["/redirect/1"]
    assert dns.lookups == ["rebind.test", "rebind.test"]


@pytest.mark.usefixtures("loopback_is_public")
def test_a_name_with_any_private_address_is_refused(server, dns):
    dns.answers["mixed.test"] = [["127.0.0.1", "10.0.0.1"]]
    assert fetch_error(server.url("/page", host="mixed.test")).code == "blocked_address"
    assert server.connections == 0


@pytest.mark.usefixtures("private_allowed")
def test_a_name_without_addresses_fails_to_connect(server, dns):
    dns.answers["empty.test"] = [[]]
    assert fetch_error(server.url("/page", host="empty.test")).code == "connection_failed"


@pytest.mark.usefixtures("private_allowed")
def test_tls_is_verified_for_the_host_name_not_the_address(tls_server, certificates, dns,
                                                           monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates / "ca.pem"))
    tls_server.reset()
    dns.answers["feed.test"] = dns.answers["other.test"] = [["127.0.0.1"]]
    sent = json.loads(safe_get(tls_server.url("/echo", host="feed.test")).content)
    assert sent["host"] == f"feed.test:{tls_server.server_port}"
    assert fetch_error(tls_server.url("/echo", host="other.test")).code == "connection_failed"
    assert fetch_error(tls_server.url("/echo")).code == "connection_failed"
    assert len(tls_server.requests) == 1


@pytest.mark.usefixtures("private_allowed")
def test_each_fetch_logs_one_line_without_the_query(server, caplog):
    caplog.set_level(logging.INFO, logger="intranet.core.http")
    safe_get(server.url("/page?token=secret"))
    fetch_error(server.url("/status/404?token=secret"))
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2
    assert f"127.0.0.1:{server.server_port}/page 200, {len(PAGE)} bytes" in lines[0]
    assert "/status/404 failed: 404" in lines[1]
    assert not any("secret" in line for line in lines)
