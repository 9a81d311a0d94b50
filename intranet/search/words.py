"""Words as the database engine indexes and asks them, in French and English at once.

Text is folded (lower case, no accents, both apostrophes and non-breaking spaces as
spaces, so "l\u2019Entreprise" gives "l entreprise"); a hyphenated word also counts joined
("e-réputation" gives "e reputation ereputation"). Each word has a French and an English
Snowball stem of its folded form, the order PostgreSQL's configurations use (unaccent,
then the stemmer), so that a query without accents meets a text with them.
"""

import re
from functools import lru_cache

import snowballstemmer

from intranet.core.text import fold

_APOSTROPHES = re.compile("['`\u00b4\u02bc\u2018\u2019]")
_WORD = re.compile(r"\w+(?:-\w+)*")
_FRENCH = snowballstemmer.stemmer("french")
_ENGLISH = snowballstemmer.stemmer("english")


def words(text: str, *, joined: bool = True) -> list[str]:
    """The folded words of `text`, in order, with hyphenated words also joined (unless
    `joined` is false, for a phrase)."""
    found = []
    for token in _WORD.findall(_APOSTROPHES.sub(" ", fold(str(text)))):
        parts = [part for part in token.split("-") if part]
        found.extend(parts)
        if joined and len(parts) > 1:
            found.append("".join(parts))
    return found


def fold_words(text: str) -> str:
    """The folded words of `text` as one string (what snippets and prefixes compare)."""
    return " ".join(words(text))


@lru_cache(maxsize=50_000)
def stems(word: str) -> tuple[str, str]:
    """The French and the English stem of a folded word."""
    return _FRENCH.stemWord(word), _ENGLISH.stemWord(word)


def query_key(q: str) -> str:
    """A query as promotions and counts compare it: its folded words."""
    return fold_words(q)[:200]
