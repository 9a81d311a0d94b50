"""Search tests run on each engine: the database (embedded default) and a real
OpenSearch node, each test with indexes of its own."""

import os
import uuid

import pytest

from intranet.search.engines import engine
from intranet.search.indexing import drain_all

ENGINES = [pytest.param("database", marks=pytest.mark.smoke), "opensearch"]


def use_engine(settings, name: str):
    """Switch search to one engine with indexes of its own; yields, then cleans up."""
    if name == "database":
        settings.SEARCH_URL = "db"
    else:
        url = os.environ.get("SEARCH_URL", "")
        if not url.startswith("opensearch"):
            pytest.fail("OpenSearch is needed: set SEARCH_URL (deploy/services start; "
                        'eval "$(deploy/services env)")')
        settings.SEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    yield name
    if name == "opensearch":
        client = engine().client
        for index in client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*"):
            client.indices.delete(index=index)


@pytest.fixture(params=ENGINES)
def search_engine(request, settings):
    """The test runs once on each engine."""
    yield from use_engine(settings, request.param)


@pytest.fixture
def opensearch(settings):
    """For what only a separate engine can show (it being down, analysis)."""
    yield from use_engine(settings, "opensearch")


@pytest.fixture
def index_now():
    """Send what is waiting in the outbox and make it visible to queries."""

    def run() -> None:
        drain_all()
        engine().refresh()

    return run


def opensearch_pid() -> int:
    state = os.environ.get("SERVICES_DIR", f"{os.environ.get('TMPDIR', '/tmp')}/intranet-services")
    with open(f"{state}/opensearch/opensearch.pid") as pid_file:
        return int(pid_file.read().strip())

