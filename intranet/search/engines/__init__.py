"""Search engines, chosen by SEARCH_URL: the database, OpenSearch or Elasticsearch."""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from intranet.search.engines.base import Engine


@cache
def _engine_for(url: str, prefix: str) -> Engine:
    scheme = urlsplit(url).scheme
    if url in ("", "db", "database"):
        from intranet.search.engines.database import DatabaseEngine

        return DatabaseEngine()
    if scheme in ("opensearch", "opensearchs"):
        from intranet.search.engines.opensearch import OpenSearchEngine

        return OpenSearchEngine(url, prefix)
    if scheme in ("elasticsearch", "elasticsearchs"):
        from intranet.search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(url, prefix)
    raise ImproperlyConfigured(
        f"SEARCH_URL {url!r}: use db, opensearch://host:port or elasticsearch://host:port "
        "(opensearchs:// and elasticsearchs:// for TLS).")


def engine() -> Engine:
    return _engine_for(settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX)
