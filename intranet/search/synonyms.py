"""Synonyms, applied when searching: the built-in workplace thesaurus
(intranet/search/thesaurus.txt, French and English, which is how an English query finds
French text and the reverse) and the company's own sets (`SynonymSet`, edited in the admin).

A phrase of the query is recognised in a set by its folded words, or by their French or
English stems for words of five letters or more ("salariés" is "salarié"; "pays" is not
"pay"); the set's other terms are then searched too.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db.models import Count, Max

from intranet.search.models import SynonymSet
from intranet.search.words import stems, words

BUILT_IN = Path(__file__).with_name("thesaurus.txt")
STEMMED_FROM = 5

Phrase = tuple[str, ...]


def _keys(phrase: Phrase) -> set[tuple[str, Phrase]]:
    def stemmed(which: int) -> Phrase:
        return tuple(stems(word)[which] if len(word) >= STEMMED_FROM else word
                     for word in phrase)

    return {("=", phrase), ("fr", stemmed(0)), ("en", stemmed(1))}


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    others: tuple[Phrase, ...]


class Thesaurus:
    def __init__(self, sets: Iterable[Iterable[str]]) -> None:
        self.sets: list[list[Phrase]] = []
        self.index: dict[tuple[str, Phrase], set[int]] = defaultdict(set)
        self.longest = 1
        for terms in sets:
            phrases = list(dict.fromkeys(tuple(words(term, joined=False)) for term in terms
                                         if words(term)))
            if len(phrases) < 2:
                continue
            for phrase in phrases:
                for key in _keys(phrase):
                    self.index[key].add(len(self.sets))
                self.longest = max(self.longest, len(phrase))
            self.sets.append(phrases)

    def _others(self, window: Phrase) -> tuple[Phrase, ...]:
        keys = _keys(window)
        found = sorted(set().union(*(self.index.get(key, set()) for key in keys)))
        return tuple(dict.fromkeys(phrase for n in found for phrase in self.sets[n]
                                   if not _keys(phrase) & keys))

    def matches(self, typed: list[str]) -> list[Match]:
        """The phrases of `typed` that are in a set, longest first, not overlapping."""
        found, at = [], 0
        while at < len(typed):
            for size in range(min(self.longest, len(typed) - at), 0, -1):
                if others := self._others(tuple(typed[at:at + size])):
                    found.append(Match(at, at + size, others))
                    at += size
                    break
            else:
                at += 1
        return found


def _lines(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=2)
def _thesaurus(version: tuple) -> Thesaurus:
    company = [row.term_list() for row in SynonymSet.objects.all()]
    return Thesaurus(_lines(BUILT_IN.read_text(encoding="utf-8")) + company)


def thesaurus() -> Thesaurus:
    """The built-in and the company's sets, read again when the company's change."""
    version = SynonymSet.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    return _thesaurus((version["n"], version["changed"]))
