"""What a query asks, whatever the engine: its significant words or phrases, each with the
forms that may stand for it (as typed, a synonym or translation, a correction).

Any significant term may match; the ranking puts first what holds more of them, rarer
ones, in the title, close together. With a vocabulary (the database engine's), typos are
corrected against it, and a word held by most documents (le, the, de) is not significant
when the query has others: it does not have to match. OpenSearch forgives typos itself.
"""

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz.distance import DamerauLevenshtein

from intranet.search import vocabulary
from intranet.search.query import Hit
from intranet.search.synonyms import thesaurus
from intranet.search.words import fold_words, stems, words

COMMON = 0.4  # a word in more than this share of documents is not significant
COMMON_FROM = 20  # ... once there are that many documents


@dataclass(frozen=True)
class Form:
    """Words that may stand for a term of the query (a phrase when several)."""

    words: tuple[str, ...]
    why: str = "typed"  # or "synonym", "correction"


@dataclass
class Term:
    word: str
    forms: list[Form]
    documents: int = 0  # how many documents hold the term in any of its forms


@dataclass
class Plan:
    terms: list[Term]
    total: int = 0  # documents in the index

    @cached_property
    def _whys(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for term in self.terms:
            for form in term.forms:
                # Short words of a phrase (des, of, à) say nothing alone.
                for word in (w for w in form.words if len(form.words) == 1 or len(w) > 3):
                    for key in (word, *stems(word)):
                        found.setdefault(key, form.why)
        return found

    def why(self, token: str) -> str | None:
        """How a word of a text relates to the query: typed, synonym or correction (in
        any form: accents, case, French or English stem); None when it does not."""
        folded = fold_words(token)
        return next((self._whys[key] for key in (folded, *stems(folded))
                     if key in self._whys), None)


def _terms(typed: list[str]) -> list[Term]:
    terms, at = [], 0
    for match in thesaurus().matches(typed):
        terms += [Term(word, [Form((word,))]) for word in typed[at:match.start]]
        phrase = tuple(typed[match.start:match.end])
        terms.append(Term(" ".join(phrase), [Form(phrase)] + [
            Form(other, "synonym") for other in match.others]))
        at = match.end
    return terms + [Term(word, [Form((word,))]) for word in typed[at:]]


def _phrase_documents(form: Form, known: dict[str, int]) -> int:
    return min(known.get(word, 0) for word in form.words)


def plan(q: str, total: int | None = None) -> Plan:
    """The plan of `q`; with the number of documents of the database engine's index, its
    vocabulary corrects typos and leaves out words too common to matter."""
    terms = _terms(list(dict.fromkeys(words(q, joined=False))))
    joined = [word for word in dict.fromkeys(words(q)) if word not in words(q, joined=False)]
    terms += [Term(word, [Form((word,))]) for word in joined]
    if total is None:
        return Plan(terms=terms)
    known = vocabulary.documents_with({word for term in terms for form in term.forms
                                       for word in form.words})
    for term in terms:
        term.documents = max(_phrase_documents(form, known) for form in term.forms)
        if term.documents or len(term.forms) > 1:
            continue
        found = vocabulary.corrections(term.word)
        term.forms += [Form((correction,), "correction") for correction, _n in found]
        term.documents = max((n for _correction, n in found), default=0)
    common = [term for term in terms
              if total >= COMMON_FROM and term.documents > COMMON * total]
    if len(common) < len(terms):
        terms = [term for term in terms if term not in common]
    return Plan(terms=terms, total=total)


def did_you_mean(q: str, hits: list[Hit]) -> str:
    """`q` spelt with the corrections its hits were found by: only words the asker may
    read are ever offered (the index's vocabulary holds words of every audience)."""
    typed = {fold_words(match.word) for hit in hits for match in hit.matched
             if match.why != "correction"}
    seen = {fold_words(match.word) for hit in hits for match in hit.matched
            if match.why == "correction"}
    spelt, changed = [], False
    for word in words(q, joined=False):
        close = sorted((DamerauLevenshtein.distance(word, other), other) for other in seen)
        if word in typed or not close or close[0][0] > vocabulary.max_distance(word):
            spelt.append(word)
        else:
            spelt.append(close[0][1])
            changed = True
    return " ".join(spelt) if changed else ""
