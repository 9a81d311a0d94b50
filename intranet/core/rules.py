"""One rule engine for everything that decides on content automatically: curation of
brand items today, moderation of posts and comments tomorrow.

A rule is a set of conditions and an action; every condition it sets must hold for it
to match, and the first matching rule decides. The engine knows nothing of where the
content comes from: counts and earlier texts reach it through a `RuleContext`.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from intranet.core.text import fold

NEAR_DUPLICATE_SIMILARITY = 0.7


class Action(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    HOLD = "hold"


@dataclass(frozen=True)
class Subject:
    """What a rule looks at."""

    text: str
    author: str = ""
    has_media: bool = False
    is_reply: bool = False
    is_repost: bool = False


class RuleContext(Protocol):
    def count_today(self) -> int:
        """How many items from the same origin arrived earlier today."""

    def recent_texts(self) -> Iterable[str]:
        """Texts of recent items to compare with, for near-duplicates."""


@dataclass(frozen=True)
class Rule:
    action: Action
    words: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    has_media: bool | None = None
    is_reply: bool | None = None
    is_repost: bool | None = None
    daily_cap: int | None = None
    near_duplicate: bool = False
    label: str = ""

    def matches(self, subject: Subject, context: RuleContext) -> bool:
        checks = (
            not self.words or contains_any_word(subject.text, self.words),
            not self.authors or fold(subject.author) in {fold(a) for a in self.authors},
            self.has_media is None or subject.has_media == self.has_media,
            self.is_reply is None or subject.is_reply == self.is_reply,
            self.is_repost is None or subject.is_repost == self.is_repost,
        )
        if not all(checks):
            return False
        if self.daily_cap is not None and context.count_today() < self.daily_cap:
            return False
        return not self.near_duplicate or any(
            similarity(subject.text, other) >= NEAR_DUPLICATE_SIMILARITY
            for other in context.recent_texts())


@dataclass(frozen=True)
class Decision:
    action: Action
    rule: Rule | None

    @property
    def reason(self) -> str:
        return self.rule.label if self.rule else ""


def decide(rules: Sequence[Rule], subject: Subject, context: RuleContext,
           default: Action = Action.HOLD) -> Decision:
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
