"""Query and index bodies built with elasticsearch-dsl, for OpenSearch and Elasticsearch.

Both engines are sent the same bodies (`to_dict()`); each adapter only makes the client
calls, since the DSL's own `execute()` expects the Elasticsearch client.
"""

from collections.abc import Iterable

from elasticsearch.dsl import Index, Q, Search
from elasticsearch.dsl.response import Response

from search.query import Hit, SearchRequest, SearchResults
from search.registry import SearchIndex, indexes

FUZZINESS = "AUTO:5,9"  # no typo allowed under five letters, one up to eight, then two
HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
             "fragment_size": 160, "number_of_fragments": 1}


def alias(prefix: str, index: SearchIndex) -> str:
    return f"{prefix}-{index.kind}"


def index_body(index: SearchIndex) -> dict:
    """Settings (with the analysers) and mappings of a kind's index."""
    body = Index("template")
    body.settings(number_of_shards=1, number_of_replicas=0)
    body.document(index.document)
    return body.to_dict()


def _text_fields(selected: Iterable[SearchIndex]) -> list[str]:
    names = {"title"} | {name for index in selected for name in index.text_fields}
    return sorted(names)


def _scope(search: Search, request: SearchRequest, keys: frozenset[str]) -> Search:
    search = search.filter("terms", audience=sorted(keys))
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


def build_search(prefix: str, request: SearchRequest, keys: frozenset[str]) -> Search:
    selected = [index for kind, index in indexes().items()
                if not request.kinds or kind in request.kinds]
    fields = _text_fields(selected)
    every_form = [f"{name}{suffix}" for name in fields for suffix in ("", ".fr", ".en")]
    every_form = ["title^3", "title.fr^3", "title.en^3", "title.prefix"] + [
        name for name in every_form if not name.startswith("title")]
    matching = Q("multi_match", query=request.q, type="most_fields", fields=every_form,
                 minimum_should_match="2<75%") | Q(
        "multi_match", query=request.q, fields=fields, fuzziness=FUZZINESS,
        prefix_length=1, minimum_should_match="2<75%")
    search = Search(index=[alias(prefix, index) for index in selected]).query(matching)
    search = _scope(search, request, keys)
    search = search.highlight_options(**HIGHLIGHT).highlight(*fields)
    search.aggs.bucket("type", "terms", field="kind", size=10)
    search.aggs.bucket("group", "terms", field="group", size=20)
    search.aggs.bucket("department", "terms", field="department", size=20)
    search.aggs.bucket("author", "terms", field="author", size=50)
    search.aggs.bucket("date", "date_histogram", field="created_at",
                       calendar_interval="month", min_doc_count=1, format="yyyy-MM")
    search = search.source(["kind", "title", "url", "author"])
    return search.extra(track_total_hits=True)[request.offset:request.offset + request.size]


def build_suggest(prefix: str, q: str, keys: frozenset[str], kinds: Iterable[str],
                  size: int) -> Search:
    selected = [index for kind, index in indexes().items() if kind in set(kinds)]
    search = Search(index=[alias(prefix, index) for index in selected]).query(
        "match", **{"title.prefix": {"query": q, "operator": "and"}})
    search = search.filter("terms", audience=sorted(keys))
    return search.source(["kind", "title", "url"])[:size]


def results(search: Search, raw: dict, request_offset: int, size: int) -> SearchResults:
    response = Response(search, raw)
    hits = []
    for found in response.hits:
        highlight = getattr(found.meta, "highlight", None)
        matched = sorted(highlight.to_dict()) if highlight else []
        snippet = next((fragments[0] for fragments in (highlight.to_dict().values()
                                                       if highlight else [])), "")
        hits.append(Hit(type=found.kind, id=int(found.meta.id), title=found.title,
                        url=found.url, snippet=snippet, score=found.meta.score or 0.0,
                        matched=matched, author=getattr(found, "author", "") or ""))
    total = response.hits.total.value if hasattr(response.hits, "total") else len(hits)
    facets = {}
    if "aggregations" in raw:
        facets = {name: {bucket.get("key_as_string", bucket["key"]): bucket["doc_count"]
                         for bucket in raw["aggregations"][name]["buckets"]}
                  for name in ("type", "group", "department", "author", "date")}
    more = request_offset + size < total
    return SearchResults(hits=hits, total=total, facets=facets,
                         next_offset=request_offset + size if more else None)
