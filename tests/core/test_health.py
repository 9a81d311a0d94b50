"""Liveness and readiness, on the real services: readiness names the service that fails
(a closed port, or one that accepts connections and never answers), within its short
timeout, while liveness still answers; neither needs a session nor is redirected."""

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from intranet.core.health import TIMEOUT_SECONDS


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections (the kernel's backlog) and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


@pytest.mark.smoke
def test_liveness_answers_without_touching_the_database(client):
    # No database mark: any query would fail this test.
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_checks_database_redis_and_search_engine(client):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {
        "database": "ok", "redis": "ok", "search": "ok"}}


@pytest.mark.django_db
def test_readiness_names_a_search_engine_that_is_down(client, settings):
    settings.SEARCH_URL = f"opensearch://127.0.0.1:{closed_port()}"
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "checks": {
        "database": "ok", "redis": "ok", "search": "failing"}}
    assert client.get("/health/live/").status_code == 200
    assert client.get("/health/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_names_redis_when_it_is_down(client, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "failing", "search": "ok"}
    assert client.get("/health/live/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_a_service_that_never_answers_is_given_up_on_within_the_timeout(client, settings):
    with silent_server() as port:
        settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
        settings.SEARCH_URL = f"opensearch://127.0.0.1:{port}"
        started = time.monotonic()
        response = client.get("/health/ready/")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["redis"] in ("failing", "timeout") and checks["search"] in ("failing", "timeout")
    assert elapsed < TIMEOUT_SECONDS + 1.5


@pytest.mark.smoke
@pytest.mark.django_db
def test_the_embedded_default_checks_only_its_database(client, settings):
    settings.REDIS_URL = ""
    settings.SEARCH_URL = "db"
    assert client.get("/health/ready/").json() == {"status": "ok",
                                                   "checks": {"database": "ok"}}


@pytest.mark.django_db
def test_health_is_open_to_anyone_in_any_language_and_never_redirected(client):
    for path in ("/health/", "/health/live/", "/health/ready/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/json"
        assert "sessionid" not in response.cookies


@pytest.mark.smoke
@pytest.mark.django_db
def test_only_reading_methods_are_allowed(client):
    response = client.post("/health/ready/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD"
    assert client.head("/health/live/").status_code == 200


@pytest.mark.django_db
def test_probes_and_scrapes_at_a_pods_own_address_are_answered(client, settings):
    settings.ALLOWED_HOSTS = ["intranet.example.com"]
    settings.METRICS_TOKEN = ""
    pod = {"HTTP_HOST": "10.42.0.17:8000", "REMOTE_ADDR": "10.42.0.1"}
    for path in ("/health/live/", "/health/ready/", "/health/"):
        assert client.get(path, **pod).status_code == 200, path
    scrape = client.get("/metrics", **pod)
    assert scrape.status_code == 200
    assert b"intranet_http_requests_total" in scrape.content
    # Every other address still checks the host.
    assert client.get("/accounts/login/", **pod).status_code == 400
    assert client.get("/health/live/x", **pod).status_code == 400


@pytest.mark.django_db
def test_a_scrape_at_an_unlisted_host_still_needs_the_token(client, settings):
    settings.ALLOWED_HOSTS = ["intranet.example.com"]
    settings.METRICS_TOKEN = "s3cret-token"
    pod = {"HTTP_HOST": "10.42.0.17:8000", "REMOTE_ADDR": "10.42.0.1"}
    assert client.get("/metrics", **pod).status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token",
                      **pod).status_code == 200
