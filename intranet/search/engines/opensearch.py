"""OpenSearch 2 and 3, through opensearch-py."""

from collections.abc import Iterable
from urllib.parse import urlsplit

from opensearchpy import OpenSearch
from opensearchpy import exceptions as errors
from opensearchpy.helpers import bulk, scan

from intranet.search.engines.client import ClientEngine


def client_for(url: str) -> OpenSearch:
    parts = urlsplit(url)
    scheme = "https" if parts.scheme.endswith("s") else "http"
    auth = (parts.username, parts.password) if parts.username else None
    return OpenSearch(hosts=[{"host": parts.hostname, "port": parts.port or 9200,
                              "scheme": scheme}], http_auth=auth, use_ssl=scheme == "https",
                      verify_certs=True, timeout=10, max_retries=0)


class OpenSearchEngine(ClientEngine):
    name = "opensearch"

    def __init__(self, url: str, prefix: str) -> None:
        super().__init__(prefix)
        self.client = client_for(url)

    def _call_search(self, names: list[str], body: dict) -> dict:
        return self.client.search(index=",".join(names), body=body)

    def _call_bulk(self, actions: list[dict]) -> list[dict]:
        _count, failed = bulk(self.client, actions, raise_on_error=False,
                              raise_on_exception=True)
        return [item for item in failed
                if not ("delete" in item and item["delete"].get("status") == 404)]

    def _call_create(self, name: str, body: dict) -> None:
        self.client.indices.create(index=name, body=body)

    def _call_alias_targets(self, name: str) -> list[str]:
        if not self.client.indices.exists_alias(name=name):
            return []
        return list(self.client.indices.get_alias(name=name))

    def _call_update_aliases(self, actions: list[dict]) -> None:
        self.client.indices.update_aliases(body={"actions": actions})

    def _call_delete_index(self, name: str) -> None:
        self.client.indices.delete(index=name)

    def _call_refresh(self, names: list[str]) -> None:
        self.client.indices.refresh(index=",".join(names))

    def _call_ids(self, name: str) -> Iterable[str]:
        for found in scan(self.client, index=name, query={"query": {"match_all": {}}},
                          _source=False):
            yield found["_id"]

    def _call_info(self, timeout: float) -> None:
        self.client.info(request_timeout=timeout)

    def _unavailable(self, error: Exception) -> bool:
        return isinstance(error, errors.ConnectionError | errors.ConnectionTimeout)
