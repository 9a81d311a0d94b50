"""Shared fixtures. The suite runs on the real services that `deploy/services` starts.

`make test` runs everything on PostgreSQL, Redis and OpenSearch, then the `smoke` subset
again on the embedded default (INTRANET_TEST_PROFILE=smoke, SQLite). A part that is not
running fails the run with a message naming it; nothing is skipped. While working on a
change, INTRANET_TEST_PROFILE=any runs what you select on whatever is configured.
"""

import os

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from intranet.accounts.services import token_create
from intranet.core.sequencer import wait_until_idle
from intranet.people.services import profile_ensure, profile_update

PROFILE = os.environ.get("INTRANET_TEST_PROFILE", "full")
HOW_TO_START = 'start them with `deploy/services start && eval "$(deploy/services env)"`'


def pytest_sessionstart(session: pytest.Session) -> None:
    from django.conf import settings

    if PROFILE != "full":
        return
    missing = [name for name in ("DATABASE_URL", "REDIS_URL", "SEARCH_URL")
               if not os.environ.get(name)]
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine and "DATABASE_URL" not in missing:
        missing.append("a PostgreSQL DATABASE_URL")
    if missing:
        pytest.exit(
            "The full suite runs on PostgreSQL, Redis and OpenSearch, but "
            f"{', '.join(missing)} is not set: {HOW_TO_START}, or run `make test`. "
            "(INTRANET_TEST_PROFILE=smoke runs the smoke subset on SQLite.)", returncode=4)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Before a test's fixtures empty the database, let this process's event dispatcher
    finish: its short transaction and the emptying would otherwise deadlock."""
    wait_until_idle()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PROFILE == "smoke":
        selected = [item for item in items if item.get_closest_marker("smoke")]
        config.hook.pytest_deselected(items=[i for i in items if i not in selected])
        items[:] = selected


@pytest.fixture
def database_queue(settings):
    """Background jobs as rows of the test database, so that only the test's own worker
    runs them (the Redis queue is shared with whatever else runs on this machine)."""
    settings.TASKS = {"default": {**settings.TASKS["default"],
                                  "BACKEND": "intranet.core.background.backend.QueueBackend"}}


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["tests.hashers.QuickPBKDF2PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (throttles count per client address)."""
    from django.conf import settings
    from django.core.cache import cache

    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter("intranet-cache:*"):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture
def make_person(db):
    """Create an employee with a profile: make_person("ana", job_title="...")."""
    User = get_user_model()

    def make(username: str, *, first_name: str = "", last_name: str = "",
             password: str = "pw-for-tests-1", **changes) -> "User":
        user = User.objects.create_user(username=username, password=password,
                                        first_name=first_name or username.capitalize(),
                                        last_name=last_name, email=f"{username}@example.com")
        if changes:
            profile_update(actor=None, profile=profile_ensure(user=user), changes=changes)
        return user

    return make


@pytest.fixture
def client_for():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for():
    """An API client that authenticates with a real bearer token of `user`."""

    def make(user) -> APIClient:
        _token, plaintext = token_create(user=user, name="tests")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
        return client

    return make


@pytest.fixture
def oidc_provider():
    """Start the real OpenID provider of the tests (tests/oidc), stopped after the test:
    oidc_provider(redirect_uri, port=None) -> tests.oidc.provider.Provider."""
    from tests.oidc.provider import Provider, missing, start_provider
    from tests.servers import stop

    problem = missing()
    if problem:
        pytest.fail(problem)
    started: list[Provider] = []

    def start(redirect_uri: str, *, port: int | None = None) -> Provider:
        try:
            started.append(start_provider(redirect_uri, port=port))
        except RuntimeError as error:
            pytest.fail(str(error))
        return started[-1]

    yield start
    for provider in started:
        stop(provider.process)
