"""The database engine's vocabulary: every folded word indexed, with how many documents
hold it. Typos are corrected against it (the words people actually wrote, within one
edit for five to eight letters, two beyond, as OpenSearch's fuzziness) and "did you
mean" offers its most common close word.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models.functions import Length
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import extract

from intranet.search.models import SearchEntry, SearchTerm
from intranet.search.words import words

MAX_TERM = 100
CANDIDATES = 200


def terms_of(title_folded: str, folded: str) -> set[str]:
    """The distinct words an entry holds, as the vocabulary counts them."""
    return {word for word in f"{title_folded} {folded}".split() if len(word) <= MAX_TERM}


def count(added: Iterable[set[str]], removed: Iterable[set[str]]) -> None:
    """Add the words of new entries and take away those of replaced or removed ones.
    Rows are written in term order, so that two writers never wait on each other in a
    cycle."""
    change = Counter()
    for terms in added:
        change.update(terms)
    for terms in removed:
        change.subtract(terms)
    rows = sorted((term, n) for term, n in change.items() if n)
    if not rows:
        return
    table = SearchTerm._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (term, documents) VALUES (%s, %s) ON CONFLICT (term) "
            f"DO UPDATE SET documents = {table}.documents + excluded.documents",
            [(term, n) for term, n in rows if n > 0])
        cursor.executemany(
            f"UPDATE {table} SET documents = documents - %s WHERE term = %s",
            [(-n, term) for term, n in rows if n < 0])
        SearchTerm.objects.filter(documents__lte=0).delete()


def recount() -> None:
    """Count the vocabulary again from every entry (after a rebuild)."""
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        total = Counter()
        for title_folded, folded in SearchEntry.objects.values_list(
                "title_folded", "folded").iterator(chunk_size=2000):
            total.update(terms_of(title_folded, folded))
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term, documents=n) for term, n in sorted(total.items())],
            batch_size=2000)


def documents_with(terms: Iterable[str]) -> dict[str, int]:
    """How many documents hold each of `terms` (absent: none)."""
    return dict(SearchTerm.objects.filter(term__in=set(terms)).values_list("term",
                                                                           "documents"))


def max_distance(word: str) -> int:
    """Edits tolerated in a word: none under five letters, one up to eight, then two."""
    return 0 if len(word) < 5 else 1 if len(word) <= 8 else 2


def _candidates(word: str, distance: int) -> list[tuple[str, int]]:
    """Words of the vocabulary that could be within `distance` of `word`: those starting
    with the same letter, of a close length (on PostgreSQL, the trigram index first)."""
    lengths = (len(word) - distance, len(word) + distance)
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.2', true)")
            cursor.execute(
                f"SELECT term, documents FROM {SearchTerm._meta.db_table} WHERE term %% %s "
                "AND left(term, 1) = %s AND length(term) BETWEEN %s AND %s "
                "ORDER BY similarity(term, %s) DESC LIMIT %s",
                [word, word[0], *lengths, word, CANDIDATES])
            return cursor.fetchall()
    following = word[0] + "\U0010ffff"
    return list(SearchTerm.objects.filter(term__gte=word[0], term__lt=following)
                .alias(length=Length("term")).filter(length__range=lengths)
                .values_list("term", "documents"))


def corrections(word: str, limit: int = 3) -> list[tuple[str, int]]:
    """Words of the vocabulary within the tolerated edits of `word`, closest and most
    common first, with their document counts."""
    distance = max_distance(word)
    if not distance or len(words(word)) != 1:
        return []
    candidates = dict(_candidates(word, distance))
    found = extract(word, list(candidates), scorer=DamerauLevenshtein.distance,
                    score_cutoff=distance, limit=None)
    ranked = sorted(((term, edits, candidates[term]) for term, edits, _i in found
                     if term != word), key=lambda item: (item[1], -item[2]))
    return [(term, documents) for term, _edits, documents in ranked[:limit]]
