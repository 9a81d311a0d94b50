"""The database engine: the embedded default for a small installation.

It keeps one row per document with its audience keys and accent-folded text, ranked by
the database's own full-text search (`intranet.search.engines.fulltext`): a document matches when
it holds any significant word of the query, in any form (French or English stem, or a
correction of a typo against the vocabulary), and the audience filter is part of the
same query. The permission guarantees are OpenSearch's: rows are filtered on the
asker's keys.
"""

import html
import re
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils.dateparse import parse_datetime

from intranet.search import vocabulary
from intranet.search.engines.base import Engine
from intranet.search.engines.fulltext import SHORTLIST, dialect, summary
from intranet.search.models import SearchEntry, SearchEntryKey
from intranet.search.plan import Plan, plan
from intranet.search.query import Hit, Match, SearchRequest, SearchResults
from intranet.search.registry import SearchIndex
from intranet.search.words import fold_words

_TOKEN = re.compile(r"\w+")
SNIPPET = 160


def _explain(fields: dict[str, str], found: Plan) -> tuple[str, list[Match]]:
    """The first field's excerpt around what matched, marked, and the words that matched
    in each field, with why."""
    matched, snippet = [], ""
    for name, text in fields.items():
        spans, seen = [], set()
        for token in _TOKEN.finditer(text):
            why = found.why(token.group())
            if why is None:
                continue
            spans.append(token.span())
            if token.group().lower() not in seen:
                seen.add(token.group().lower())
                matched.append(Match(field=name, word=token.group(), why=why))
        if not spans or snippet:
            continue
        start = max(0, spans[0][0] - 60)
        end = start + SNIPPET
        pieces, at = [], start
        for first, last in spans:
            if first < at or last > end:
                continue
            pieces += [html.escape(text[at:first]),
                       f"<mark>{html.escape(text[first:last])}</mark>"]
            at = last
        pieces.append(html.escape(text[at:end]))
        snippet = ("…" if start else "") + "".join(pieces)
    return snippet, matched


class DatabaseEngine(Engine):
    name = "database"

    def _entry(self, index: SearchIndex, object_id: int, document: dict) -> SearchEntry:
        fields = {}
        for name in ("title", *index.text_fields):
            value = document.get(name)
            if isinstance(value, list):
                value = " ".join(value)
            if value:
                fields[name] = str(value)
        created = document.get("created_at")
        return SearchEntry(
            kind=index.kind, object_id=object_id, title=document["title"][:300],
            title_folded=" " + fold_words(document["title"])[:318],
            folded=" ".join(fold_words(text) for name, text in fields.items()
                            if name != "title"), fields=fields,
            group=document.get("group") or "", department=document.get("department") or "",
            author=document.get("author") or "", url=document["url"],
            created_at=parse_datetime(created) if isinstance(created, str) else created)

    def write(self, index: SearchIndex, documents: dict[int, dict | None]) -> None:
        with transaction.atomic():
            entries, replaced = self._replace(index, documents)
            vocabulary.count(added=[vocabulary.terms_of(entry.title_folded, entry.folded)
                                    for entry in entries],
                             removed=[vocabulary.terms_of(title, text)
                                      for title, text in replaced])

    def _replace(self, index: SearchIndex, documents: dict[int, dict | None]
                 ) -> tuple[list[SearchEntry], list[tuple[str, str]]]:
        """Write the entries of `documents`; returns them, and the text of those they
        replaced."""
        full_text = dialect()
        old = list(SearchEntry.objects.filter(kind=index.kind, object_id__in=list(documents))
                   .values_list("pk", "title_folded", "folded"))
        full_text.remove([pk for pk, _title, _text in old])
        SearchEntry.objects.filter(pk__in=[pk for pk, _title, _text in old]).delete()
        entries = SearchEntry.objects.bulk_create([
            self._entry(index, object_id, document)
            for object_id, document in documents.items() if document is not None])
        SearchEntryKey.objects.bulk_create([
            SearchEntryKey(entry=entry, key=key) for entry in entries
            for key in set(documents[entry.object_id]["audience"])])
        full_text.index(entries)
        return entries, [(title, text) for _pk, title, text in old]

    def _visible(self, keys: frozenset[str]):
        return dialect().readable(SearchEntry.objects.all(), sorted(keys))

    def _filtered(self, request: SearchRequest, keys: frozenset[str]):
        entries = self._visible(keys)
        if request.kinds:
            entries = entries.filter(kind__in=request.kinds)
        for name in ("group", "author", "department"):
            if value := getattr(request, name):
                entries = entries.filter(**{name: value})
        if request.since:
            entries = entries.filter(created_at__gte=request.since)
        if request.until:
            entries = entries.filter(created_at__lte=request.until)
        for kind, object_id in request.exclude:
            entries = entries.exclude(kind=kind, object_id=object_id)
        return entries

    def fetch(self, wanted: list[tuple[str, int]], keys: frozenset[str]) -> list[Hit]:
        if not wanted or not keys:
            return []
        either = Q()
        for kind, object_id in wanted:
            either |= Q(kind=kind, object_id=object_id)
        found = {(entry.kind, entry.object_id): entry
                 for entry in self._visible(keys).filter(either)}
        return [Hit(type=entry.kind, id=entry.object_id, title=entry.title, url=entry.url,
                    snippet="", score=0.0, author=entry.author)
                for entry in (found.get(pair) for pair in wanted) if entry]

    def search(self, request: SearchRequest, keys: frozenset[str]) -> SearchResults:
        found = plan(request.q, SearchEntry.objects.count())
        if not found.terms:
            return SearchResults(hits=[], total=0, facets={}, next_offset=None)
        full_text = dialect()
        matched = full_text.match(self._filtered(request, keys), found)
        end = request.offset + request.size
        total, facets, best = summary(full_text.rank(matched, found), max(end, SHORTLIST))
        page = full_text.rerank(best, found)[request.offset:end]
        entries = SearchEntry.objects.in_bulk([pk for pk, _score in page])
        hits = []
        for pk, score in page:
            entry = entries[pk]
            snippet, matched_words = _explain(entry.fields, found)
            hits.append(Hit(type=entry.kind, id=entry.object_id, title=entry.title,
                            url=entry.url, snippet=snippet, score=float(score),
                            matched=matched_words, author=entry.author, group=entry.group,
                            created_at=entry.created_at))
        more = request.offset + request.size < total
        return SearchResults(hits=hits, total=total, facets=facets,
                             next_offset=request.offset + request.size if more else None)

    def suggest(self, q: str, keys: frozenset[str], kinds: Iterable[str],
                size: int) -> SearchResults:
        entries = self._visible(keys).filter(kind__in=list(kinds))
        for word in fold_words(q).split():
            entries = entries.filter(title_folded__contains=" " + word)
        hits = [Hit(type=e.kind, id=e.object_id, title=e.title, url=e.url, snippet="",
                    score=1.0) for e in entries.order_by("title")[:size]]
        return SearchResults(hits=hits, total=len(hits), facets={}, next_offset=None)

    def rebuild(self, index: SearchIndex, documents: Iterable[tuple[int, dict]]) -> int:
        with transaction.atomic():
            stale = SearchEntry.objects.filter(kind=index.kind)
            dialect().remove(list(stale.values_list("pk", flat=True)))
            stale.delete()
            batch: dict[int, dict | None] = {}
            count = 0
            for object_id, document in documents:
                batch[object_id] = document
                if len(batch) == 500:
                    self._replace(index, batch)
                    count += len(batch)
                    batch = {}
            self._replace(index, batch)
            vocabulary.recount()
            return count + len(batch)

    def ids(self, index: SearchIndex) -> set[int]:
        return set(SearchEntry.objects.filter(kind=index.kind).values_list("object_id",
                                                                           flat=True))

    def refresh(self) -> None:
        """Rows are visible as soon as they are committed."""

    def check(self, timeout: float) -> None:
        """The engine is the database, which readiness checks on its own."""
