"""One rule engine for everything that decides on content automatically: curation of
brand items, moderation of posts and comments.

A rule is a set of conditions and an action; every condition it sets must hold for it
to match, and the first matching rule decides. The engine knows nothing of where the
content comes from: counts and earlier texts reach it through a `RuleContext`.
Patterns are RE2 expressions, which run in linear time whatever a rule's author writes.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Protocol
from urllib.parse import urlsplit

import re2

from intranet.core.text import fold

NEAR_DUPLICATE_SIMILARITY = 0.7


class Action(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    HOLD = "hold"
    HIDE = "hide"
    FLAG = "flag"
    NOTIFY = "notify"
    REPLY = "reply"


@dataclass(frozen=True)
class Subject:
    """What a rule looks at. `author_age_days` is how long the author has been here
    (None: unknown), `group` the slug of where it was written ("" company-wide)."""

    text: str
    author: str = ""
    has_media: bool = False
    is_reply: bool = False
    is_repost: bool = False
    links: tuple[str, ...] = ()
    group: str = ""
    author_age_days: float | None = None
    author_muted: bool = False


class RuleContext(Protocol):
    def count_today(self) -> int:
        """How many items from the same origin arrived earlier today."""

    def recent_texts(self) -> Iterable[str]:
        """Texts of recent items to compare with, for near-duplicates."""

    def count_recent(self, minutes: int) -> int:
        """How many items the same author wrote in the last `minutes`, this one included."""

    def count_earlier(self) -> int:
        """How many items of the same author were published before this one."""


class InvalidPattern(ValueError):
    """A pattern RE2 cannot compile."""


@lru_cache(maxsize=256)
def compile_pattern(pattern: str):
    """The RE2 expression of a rule, case-insensitive; InvalidPattern when it is not one."""
    options = re2.Options()
    options.case_sensitive, options.log_errors = False, False
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        raise InvalidPattern(error.args[0].decode() if error.args and isinstance(
            error.args[0], bytes) else str(error)) from error


def link_domain_matches(links: Iterable[str], domains: Iterable[str]) -> bool:
    """Whether a link goes to one of `domains` or a subdomain of one."""
    wanted = {domain.lower().strip(".") for domain in domains if domain.strip(".")}
    for link in links:
        host = (urlsplit(link).hostname or "").lower()
        if any(host == domain or host.endswith(f".{domain}") for domain in wanted):
            return True
    return False


@dataclass(frozen=True)
class Rule:
    """`words` are words or phrases (any one matches, whole words, without accents or
    case) unless one of `exceptions` is there too; `rate` is (items, minutes): the author
    wrote at least that many in that time; `first_items` matches while the author has
    published fewer than that many."""

    action: Action
    words: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    pattern: str = ""
    authors: tuple[str, ...] = ()
    has_media: bool | None = None
    has_links: bool | None = None
    domains: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    new_author_days: int | None = None
    author_muted: bool | None = None
    first_items: int | None = None
    rate: tuple[int, int] | None = None
    is_reply: bool | None = None
    is_repost: bool | None = None
    daily_cap: int | None = None
    near_duplicate: bool = False
    label: str = ""

    def matches(self, subject: Subject, context: RuleContext) -> bool:
        checks = (
            not self.words or contains_any_word(subject.text, self.words),
            not self.exceptions or not contains_any_word(subject.text, self.exceptions),
            not self.pattern or compile_pattern(self.pattern).search(subject.text) is not None,
            not self.authors or fold(subject.author) in {fold(a) for a in self.authors},
            self.has_media is None or subject.has_media == self.has_media,
            self.has_links is None or bool(subject.links) == self.has_links,
            not self.domains or link_domain_matches(subject.links, self.domains),
            not self.groups or subject.group in self.groups,
            self.new_author_days is None or (subject.author_age_days is not None
                                             and subject.author_age_days
                                             < self.new_author_days),
            self.author_muted is None or subject.author_muted == self.author_muted,
            self.is_reply is None or subject.is_reply == self.is_reply,
            self.is_repost is None or subject.is_repost == self.is_repost,
        )
        if not all(checks):
            return False
        if self.first_items is not None and context.count_earlier() >= self.first_items:
            return False
        if self.rate is not None and context.count_recent(self.rate[1]) < self.rate[0]:
            return False
        if self.daily_cap is not None and context.count_today() < self.daily_cap:
            return False
        return not self.near_duplicate or any(
            similarity(subject.text, other) >= NEAR_DUPLICATE_SIMILARITY
            for other in context.recent_texts())


@dataclass(frozen=True)
class Decision:
    action: Action | None
    rule: Rule | None

    @property
    def reason(self) -> str:
        return self.rule.label if self.rule else ""


def decide(rules: Sequence[Rule], subject: Subject, context: RuleContext,
           default: Action | None = Action.HOLD) -> Decision:
    """The first matching rule's action, else `default`."""
    for rule in rules:
        if rule.matches(subject, context):
            return Decision(rule.action, rule)
    return Decision(default, None)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def contains_any_word(text: str, words: Iterable[str]) -> bool:
    """Whole words or phrases, without accents or case ("reseau" matches "Réseau")."""
    haystack = f" {' '.join(_words(text))} "
    return any(f" {' '.join(_words(word))} " in haystack for word in words if _words(word))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of three-word shingles: 1.0 for the same words in the same order,
    high for a copy with a changed word or a tracking link, low for another text."""
    left, right = _shingles(a), _shingles(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)
