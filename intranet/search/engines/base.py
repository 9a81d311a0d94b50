"""What every search engine does."""

from abc import ABC, abstractmethod
from collections.abc import Iterable

from intranet.search.query import Hit, SearchRequest, SearchResults
from intranet.search.registry import SearchIndex


class EngineUnavailable(Exception):
    """The engine cannot be reached; indexing waits and retries, queries say so."""


class Engine(ABC):
    name: str

    @abstractmethod
    def write(self, index: SearchIndex, documents: dict[int, dict | None]) -> None:
        """Index the given documents; None removes that object's document."""

    @abstractmethod
    def search(self, request: SearchRequest, keys: frozenset[str]) -> SearchResults:
        """Documents matching `request` whose audience meets `keys`."""

    @abstractmethod
    def fetch(self, wanted: list[tuple[str, int]], keys: frozenset[str]) -> list[Hit]:
        """The documents of `wanted` (kind, id) whose audience meets `keys`, in that
        order."""

    @abstractmethod
    def suggest(self, q: str, keys: frozenset[str], kinds: Iterable[str],
                size: int) -> SearchResults:
        """Type-ahead: names starting with what was typed."""

    @abstractmethod
    def rebuild(self, index: SearchIndex, documents: Iterable[tuple[int, dict]]) -> int:
        """Build a fresh index of a kind from `documents` and switch to it at once."""

    @abstractmethod
    def ids(self, index: SearchIndex) -> set[int]:
        """The ids of the objects of a kind that the engine holds."""

    @abstractmethod
    def refresh(self) -> None:
        """Make what was written visible to queries now (tests, reindexing)."""

    @abstractmethod
    def check(self, timeout: float) -> None:
        """Return when the engine answers within `timeout` seconds, raise otherwise (for
        readiness)."""
