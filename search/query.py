"""What is asked of search, and what comes back, whatever the engine."""

from dataclasses import dataclass, field
from datetime import datetime

PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchRequest:
    q: str
    kinds: tuple[str, ...] = ()
    group: str = ""
    author: str = ""
    department: str = ""
    since: datetime | None = None
    until: datetime | None = None
    offset: int = 0
    size: int = PAGE_SIZE


@dataclass
class Hit:
    type: str
    id: int
    title: str
    url: str
    snippet: str
    score: float
    matched: list[str] = field(default_factory=list)
    author: str = ""


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    next_offset: int | None
