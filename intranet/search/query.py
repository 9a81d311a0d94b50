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
    # Results left out: those hidden for this query, and those pinned above it.
    exclude: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Match:
    """Why a hit was found: a word of one of its fields, and how it relates to the query
    (typed, a synonym or translation, a correction of a typo)."""

    field: str
    word: str
    why: str


@dataclass
class Hit:
    type: str
    id: int
    title: str
    url: str
    snippet: str
    score: float
    matched: list[Match] = field(default_factory=list)
    author: str = ""
    promoted: bool = False
    # Where and when, for the results page: the group's slug, the item's date.
    group: str = ""
    created_at: datetime | None = None


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    next_offset: int | None
    did_you_mean: str = ""  # the query spelt as the index's words, when it finds little
