"""What a query asks of the database engine: its significant words, each with the forms
that may stand for it (as typed, or corrected against the vocabulary).

Any significant word may match; the ranking puts first what holds more of them, rarer
ones, in the title, close together. A word held by most documents (le, the, de) is not
significant when the query has others: it does not have to match.
"""

from dataclasses import dataclass, field

from search import vocabulary
from search.words import words

COMMON = 0.4  # a word in more than this share of documents is not significant
COMMON_FROM = 20  # ... once there are that many documents


@dataclass(frozen=True)
class Form:
    """Words that may stand for a word of the query (a phrase when several)."""

    words: tuple[str, ...]
    why: str = "typed"  # or "correction"


@dataclass
class Term:
    word: str
    forms: list[Form]
    documents: int = 0  # how many documents hold the word or any of its forms


@dataclass
class Plan:
    terms: list[Term]
    total: int  # documents in the index
    corrections: dict[str, str] = field(default_factory=dict)  # typed -> best correction

    @property
    def words(self) -> list[str]:
        """Every word any form of the query may match."""
        return [word for term in self.terms for form in term.forms for word in form.words]


def plan(q: str, total: int) -> Plan:
    typed = list(dict.fromkeys(words(q)))
    known = vocabulary.documents_with(typed)
    terms, corrections = [], {}
    for word in typed:
        forms = [Form((word,))]
        documents = known.get(word, 0)
        if not documents:
            found = vocabulary.corrections(word)
            forms += [Form((term,), "correction") for term, _n in found]
            documents = max((n for _term, n in found), default=0)
            if found:
                corrections[word] = found[0][0]
        terms.append(Term(word, forms, documents))
    common = [term for term in terms
              if total >= COMMON_FROM and term.documents > COMMON * total]
    if len(common) < len(terms):
        terms = [term for term in terms if term not in common]
    return Plan(terms=terms, total=total, corrections=corrections)
