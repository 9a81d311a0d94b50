"""What OpenSearch and Elasticsearch share: aliases, bulk writes, the query flow.

Each engine is one small subclass that makes its own client's calls; the bodies are the
same DSL-built dictionaries for both.
"""

import time
from abc import abstractmethod
from collections.abc import Iterable

from intranet.search.engines.base import Engine, EngineUnavailable
from intranet.search.engines.dsl import (
    alias,
    build_fetch,
    build_search,
    build_suggest,
    index_body,
    results,
)
from intranet.search.plan import plan
from intranet.search.query import Hit, SearchRequest, SearchResults
from intranet.search.registry import SearchIndex, indexes


class ClientEngine(Engine):
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._ready: set[str] = set()

    # The client calls, one per engine.
    @abstractmethod
    def _call_search(self, names: list[str], body: dict) -> dict: ...

    @abstractmethod
    def _call_bulk(self, actions: list[dict]) -> list[dict]:
        """Send bulk actions; return the failed items (not "not found" deletes)."""

    @abstractmethod
    def _call_create(self, name: str, body: dict) -> None: ...

    @abstractmethod
    def _call_alias_targets(self, name: str) -> list[str]:
        """The concrete indexes behind an alias (empty when there is none)."""

    @abstractmethod
    def _call_update_aliases(self, actions: list[dict]) -> None: ...

    @abstractmethod
    def _call_delete_index(self, name: str) -> None: ...

    @abstractmethod
    def _call_refresh(self, names: list[str]) -> None: ...

    @abstractmethod
    def _call_ids(self, name: str) -> Iterable[str]: ...

    @abstractmethod
    def _call_info(self, timeout: float) -> None:
        """Ask the cluster who it is, waiting `timeout` seconds at most."""

    @abstractmethod
    def _unavailable(self, error: Exception) -> bool:
        """Whether `error` means the engine cannot be reached (so: retry later)."""

    def _guard(self, call, *args):
        try:
            return call(*args)
        except Exception as error:
            if self._unavailable(error):
                raise EngineUnavailable(str(error)) from error
            raise

    def ensure(self, index: SearchIndex) -> str:
        """The alias of a kind, creating its first index when there is none."""
        name = alias(self.prefix, index)
        if name not in self._ready:
            if not self._guard(self._call_alias_targets, name):
                concrete = f"{name}-{time.strftime('%Y%m%d%H%M%S')}"
                self._guard(self._call_create, concrete, index_body(index))
                self._guard(self._call_update_aliases,
                            [{"add": {"index": concrete, "alias": name}}])
            self._ready.add(name)
        return name

    def write(self, index: SearchIndex, documents: dict[int, dict | None]) -> None:
        name = self.ensure(index)
        actions = []
        for object_id, document in documents.items():
            if document is None:
                actions.append({"_op_type": "delete", "_index": name, "_id": str(object_id)})
            else:
                actions.append({"_op_type": "index", "_index": name, "_id": str(object_id),
                                "_source": document})
        failed = self._guard(self._call_bulk, actions)
        if failed:
            raise RuntimeError(f"{len(failed)} document(s) were refused: {failed[:3]}")

    def search(self, request: SearchRequest, keys: frozenset[str]) -> SearchResults:
        for index in indexes().values():
            self.ensure(index)
        found = plan(request.q)
        query = build_search(self.prefix, request, keys, found)
        raw = self._guard(self._call_search, query._index, query.to_dict())
        return results(query, raw, request.offset, request.size, found)

    def fetch(self, wanted: list[tuple[str, int]], keys: frozenset[str]) -> list[Hit]:
        if not wanted or not keys:
            return []
        for kind in {kind for kind, _id in wanted}:
            self.ensure(indexes()[kind])
        query = build_fetch(self.prefix, wanted, keys)
        raw = self._guard(self._call_search, query._index, query.to_dict())
        found = {(hit.type, hit.id): hit for hit in results(query, raw, 0, len(wanted)).hits}
        return [found[pair] for pair in wanted if pair in found]

    def suggest(self, q: str, keys: frozenset[str], kinds: Iterable[str],
                size: int) -> SearchResults:
        kinds = list(kinds)
        for kind in kinds:
            self.ensure(indexes()[kind])
        query = build_suggest(self.prefix, q, keys, kinds, size)
        raw = self._guard(self._call_search, query._index, query.to_dict())
        return results(query, raw, 0, size)

    def rebuild(self, index: SearchIndex, documents: Iterable[tuple[int, dict]]) -> int:
        name = alias(self.prefix, index)
        concrete = f"{name}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**6}"
        self._guard(self._call_create, concrete, index_body(index))
        count, batch = 0, []
        for object_id, document in documents:
            batch.append({"_op_type": "index", "_index": concrete, "_id": str(object_id),
                          "_source": document})
            if len(batch) == 500:
                count += self._flush(batch)
        count += self._flush(batch)
        self._guard(self._call_refresh, [concrete])
        previous = self._guard(self._call_alias_targets, name)
        self._guard(self._call_update_aliases, [
            *({"remove": {"index": old, "alias": name}} for old in previous),
            {"add": {"index": concrete, "alias": name}}])
        for old in previous:
            self._guard(self._call_delete_index, old)
        self._ready.add(name)
        return count

    def _flush(self, batch: list[dict]) -> int:
        if not batch:
            return 0
        failed = self._guard(self._call_bulk, list(batch))
        if failed:
            raise RuntimeError(f"{len(failed)} document(s) were refused: {failed[:3]}")
        sent = len(batch)
        batch.clear()
        return sent

    def ids(self, index: SearchIndex) -> set[int]:
        return {int(found) for found in self._guard(self._call_ids, self.ensure(index))}

    def refresh(self) -> None:
        self._guard(self._call_refresh, [self.ensure(index) for index in indexes().values()])

    def check(self, timeout: float) -> None:
        self._guard(self._call_info, timeout)
