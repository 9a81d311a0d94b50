"""Readiness of the search engine, when it is a separate one (OpenSearch or
Elasticsearch): registered with the core's checks at start-up."""

from intranet.search.engines import engine
from intranet.search.engines.client import ClientEngine


def separate_engine() -> bool:
    return isinstance(engine(), ClientEngine)


def search_engine_check(timeout: float) -> None:
    engine().check(timeout)
