"""The database engine: the embedded default for a small installation.

It keeps one row per document with its audience keys and accent-folded text, and finds
rows containing every word asked (in any form that contains it: "reseau" finds
"réseaux"). Fewer features than OpenSearch (no stemming, no typo tolerance, simpler
ranking), the same permission guarantees: rows are filtered on the asker's keys.
"""

import html
import re
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import TruncMonth
from django.utils.dateparse import parse_datetime

from search.engines.base import Engine
from search.models import SearchEntry, SearchEntryKey
from search.query import Hit, SearchRequest, SearchResults
from search.registry import SearchIndex
from search.text import fold_words


def _snippet(fields: dict[str, str], words: list[str]) -> tuple[str, list[str]]:
    matched, snippet = [], ""
    for name, text in fields.items():
        folded = fold_words(text)
        if not any(word in folded for word in words):
            continue
        matched.append(name)
        if snippet:
            continue
        position = min(folded.find(word) for word in words if word in folded)
        start = max(0, position - 60)
        excerpt = html.escape(text[start:start + 160])
        for word in words:
            excerpt = re.sub(f"({re.escape(html.escape(word))})", r"<mark>\1</mark>", excerpt,
                             flags=re.IGNORECASE)
        snippet = ("…" if start else "") + excerpt
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
            folded=" ".join(fold_words(text) for text in fields.values()), fields=fields,
            group=document.get("group") or "", department=document.get("department") or "",
            author=document.get("author") or "", url=document["url"],
            created_at=parse_datetime(created) if isinstance(created, str) else created)

    def write(self, index: SearchIndex, documents: dict[int, dict | None]) -> None:
        with transaction.atomic():
            SearchEntry.objects.filter(kind=index.kind, object_id__in=list(documents)).delete()
            entries = [self._entry(index, object_id, document)
                       for object_id, document in documents.items() if document is not None]
            SearchEntry.objects.bulk_create(entries)
            SearchEntryKey.objects.bulk_create([
                SearchEntryKey(entry=entry, key=key) for entry in entries
                for key in set(documents[entry.object_id]["audience"])])

    def _visible(self, keys: frozenset[str]):
        return SearchEntry.objects.filter(Exists(SearchEntryKey.objects.filter(
            entry=OuterRef("pk"), key__in=sorted(keys))))

    def search(self, request: SearchRequest, keys: frozenset[str]) -> SearchResults:
        words = fold_words(request.q).split()
        entries = self._visible(keys)
        for word in words:
            entries = entries.filter(folded__contains=word)
        if request.kinds:
            entries = entries.filter(kind__in=request.kinds)
        for name in ("group", "author", "department"):
            if value := getattr(request, name):
                entries = entries.filter(**{name: value})
        if request.since:
            entries = entries.filter(created_at__gte=request.since)
        if request.until:
            entries = entries.filter(created_at__lte=request.until)
        in_title = Q(*[Q(title_folded__contains=word) for word in words]) if words else Q()
        ranked = entries.annotate(rank=Case(When(in_title, then=Value(2)), default=Value(1),
                                            output_field=IntegerField()))
        ranked = ranked.order_by("-rank", "-created_at", "-pk")
        total = entries.count()
        page = list(ranked[request.offset:request.offset + request.size])
        hits = []
        for entry in page:
            snippet, matched = _snippet(entry.fields, words)
            hits.append(Hit(type=entry.kind, id=entry.object_id, title=entry.title,
                            url=entry.url, snippet=snippet, score=float(entry.rank),
                            matched=matched, author=entry.author))
        facets = {
            "type": self._count(entries, "kind"),
            "group": self._count(entries.exclude(group=""), "group"),
            "department": self._count(entries.exclude(department=""), "department"),
            "author": self._count(entries.exclude(author=""), "author"),
            "date": {month.strftime("%Y-%m"): n for month, n in
                     entries.filter(created_at__isnull=False)
                     .annotate(month=TruncMonth("created_at")).values_list("month")
                     .annotate(n=Count("pk")).order_by("month") if month},
        }
        more = request.offset + request.size < total
        return SearchResults(hits=hits, total=total, facets=facets,
                             next_offset=request.offset + request.size if more else None)

    @staticmethod
    def _count(entries, field: str) -> dict[str, int]:
        return dict(entries.values_list(field).annotate(n=Count("pk")).order_by(field))

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
            SearchEntry.objects.filter(kind=index.kind).delete()
            batch: dict[int, dict | None] = {}
            count = 0
            for object_id, document in documents:
                batch[object_id] = document
                if len(batch) == 500:
                    self.write(index, batch)
                    count += len(batch)
                    batch = {}
            self.write(index, batch)
            return count + len(batch)

    def ids(self, index: SearchIndex) -> set[int]:
        return set(SearchEntry.objects.filter(kind=index.kind).values_list("object_id",
                                                                           flat=True))

    def refresh(self) -> None:
        """Rows are visible as soon as they are committed."""
