"""Query and index bodies built with elasticsearch-dsl, for OpenSearch and Elasticsearch.

Both engines are sent the same bodies (`to_dict()`); each adapter only makes the client
calls, since the DSL's own `execute()` expects the Elasticsearch client.
"""

import html
import re
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.utils.dateparse import parse_datetime
from elasticsearch.dsl import Index, Q, Search
from elasticsearch.dsl.response import Response

from intranet.search.plan import Plan
from intranet.search.query import Hit, Match, SearchRequest, SearchResults
from intranet.search.registry import SearchIndex, indexes

FUZZINESS = "AUTO:5,9"  # no typo allowed under five letters, one up to eight, then two
MATCH_WORDS = "1"  # any word of the query, as typed (the ranking weighs how many)
PHRASE_SLOP = 3  # words apart that still count as the phrase asked
PHRASE_BOOST = 2.0
SYNONYM_BOOST = 2.0  # a synonym's phrase is matched in its best field, the words in all
MARKED = re.compile(r"<mark>(.*?)</mark>")
HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
             "fragment_size": 160, "number_of_fragments": 1}


def alias(prefix: str, index: SearchIndex) -> str:
    return f"{prefix}-{index.kind}"


def index_body(index: SearchIndex) -> dict:
    """Settings (with the analysers) and mappings of a kind's index."""
    body = Index("template")
    body.settings(number_of_shards=settings.SEARCH_SHARDS,
                  number_of_replicas=settings.SEARCH_REPLICAS)
    body.document(index.document)
    return body.to_dict()


def _text_fields(selected: Iterable[SearchIndex]) -> list[str]:
    names = {"title"} | {name for index in selected for name in index.text_fields}
    return sorted(names)


def _one(kind: str, object_id: int) -> Q:
    return Q("bool", filter=[Q("term", kind=kind), Q("ids", values=[str(object_id)])])


def _scope(search: Search, request: SearchRequest, keys: frozenset[str]) -> Search:
    search = search.filter("terms", audience=sorted(keys))
    for kind, object_id in request.exclude:
        search = search.exclude(_one(kind, object_id))
    if request.kinds:
        search = search.filter("terms", kind=list(request.kinds))
    for field_name in ("group", "author", "department"):
        if value := getattr(request, field_name):
            search = search.filter("term", **{field_name: value})
    if request.since or request.until:
        bounds = {}
        if request.since:
            bounds["gte"] = request.since.isoformat()
        if request.until:
            bounds["lte"] = request.until.isoformat()
        search = search.filter("range", created_at=bounds)
    return search


def _synonyms(found: Plan, fields: list[str]) -> list[Q]:
    """For each term of the query with synonyms or translations: any of them, as a
    phrase, in any form of the text."""
    return [Q("dis_max", queries=[
        Q("multi_match", query=" ".join(form.words), type="phrase", fields=fields,
          boost=SYNONYM_BOOST)
        for form in term.forms if form.why == "synonym"], _name=f"synonym:{term.word}")
        for term in found.terms if any(form.why == "synonym" for form in term.forms)]


def build_search(prefix: str, request: SearchRequest, keys: frozenset[str],
                 found: Plan) -> Search:
    selected = [index for kind, index in indexes().items()
                if not request.kinds or kind in request.kinds]
    fields = _text_fields(selected)
    every_form = [f"{name}{suffix}" for name in fields for suffix in ("", ".fr", ".en")]
    every_form = ["title^3", "title.fr^3", "title.en^3", "title.prefix"] + [
        name for name in every_form if not name.startswith("title")]
    stemmed = [name for name in every_form if name != "title.prefix"]
    as_typed = Q("multi_match", query=request.q, type="most_fields", fields=every_form,
                 minimum_should_match=MATCH_WORDS) | Q(
        "multi_match", query=request.q, fields=fields, fuzziness=FUZZINESS,
        prefix_length=1, minimum_should_match=MATCH_WORDS)
    close_together = Q("multi_match", query=request.q, type="phrase", slop=PHRASE_SLOP,
                       fields=stemmed, boost=PHRASE_BOOST)
    matching = Q("bool", should=[as_typed, *_synonyms(found, stemmed), close_together],
                 minimum_should_match=1)
    search = Search(index=[alias(prefix, index) for index in selected]).query(matching)
    search = _scope(search, request, keys)
    # The stems' subfields too, so that a word found by its stem or a synonym is marked.
    search = search.highlight_options(**HIGHLIGHT).highlight(
        *fields, *(f"{name}{suffix}" for name in fields for suffix in (".fr", ".en")))
    search.aggs.bucket("type", "terms", field="kind", size=10)
    search.aggs.bucket("group", "terms", field="group", size=20)
    search.aggs.bucket("department", "terms", field="department", size=20)
    search.aggs.bucket("author", "terms", field="author", size=50)
    search.aggs.bucket("date", "date_histogram", field="created_at",
                       calendar_interval="month", min_doc_count=1, format="yyyy-MM")
    search = search.source(["kind", "title", "url", "author", "group", "created_at"])
    return search.extra(track_total_hits=True)[request.offset:request.offset + request.size]


def build_fetch(prefix: str, wanted: list[tuple[str, int]], keys: frozenset[str]) -> Search:
    kinds = {kind for kind, _id in wanted}
    selected = [index for kind, index in indexes().items() if kind in kinds]
    search = Search(index=[alias(prefix, index) for index in selected]).filter(
        "terms", audience=sorted(keys)).filter(
        Q("bool", should=[_one(kind, object_id) for kind, object_id in wanted],
          minimum_should_match=1))
    return search.source(["kind", "title", "url", "author"])[:len(wanted)]


def build_suggest(prefix: str, q: str, keys: frozenset[str], kinds: Iterable[str],
                  size: int) -> Search:
    selected = [index for kind, index in indexes().items() if kind in set(kinds)]
    search = Search(index=[alias(prefix, index) for index in selected]).query(
        "match", **{"title.prefix": {"query": q, "operator": "and"}})
    search = search.filter("terms", audience=sorted(keys))
    return search.source(["kind", "title", "url"])[:size]


def _matched(highlight: dict[str, list[str]], found: Plan) -> list[Match]:
    matched, seen = [], set()
    for name, fragments in highlight.items():
        field = name.split(".")[0]
        for word in MARKED.findall(" ".join(fragments)):
            word = html.unescape(word)
            if (field, word.lower()) not in seen:
                seen.add((field, word.lower()))
                # What the query did not ask in any form was found by typo tolerance.
                matched.append(Match(field=field, word=word,
                                     why=found.why(word) or "correction"))
    return matched


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime) or value is None:
        return value
    return parse_datetime(str(value))


def results(search: Search, raw: dict, request_offset: int, size: int,
            found: Plan | None = None) -> SearchResults:
    response = Response(search, raw)
    found = found or Plan(terms=[])
    hits = []
    for hit in response.hits:
        highlight = hit.meta.highlight.to_dict() if hasattr(hit.meta, "highlight") else {}
        snippet = next((fragments[0] for fragments in highlight.values()), "")
        hits.append(Hit(type=hit.kind, id=int(hit.meta.id), title=hit.title,
                        url=hit.url, snippet=snippet, score=hit.meta.score or 0.0,
                        matched=_matched(highlight, found),
                        author=getattr(hit, "author", "") or "",
                        group=getattr(hit, "group", "") or "",
                        created_at=_moment(getattr(hit, "created_at", None))))
    total = response.hits.total.value if hasattr(response.hits, "total") else len(hits)
    facets = {}
    if "aggregations" in raw:
        facets = {name: {bucket.get("key_as_string", bucket["key"]): bucket["doc_count"]
                         for bucket in raw["aggregations"][name]["buckets"]}
                  for name in ("type", "group", "department", "author", "date")}
    more = request_offset + size < total
    return SearchResults(hits=hits, total=total, facets=facets,
                         next_offset=request_offset + size if more else None)
