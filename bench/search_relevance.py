"""Relevance of search: nDCG@10 of the judged queries over the demo data, and per kind of
query over the judged articles (tests/search/corpus), for the intranet's search and for
Wagtail's built-in database search on the same documents.

Both see the same documents: the baseline is given exactly what the intranet indexes
and what the asker (the demo's official account) may read, so only ranking and text
analysis differ. Runs on the embedded default (database engine, SQLite) as it is; with
the services' environment the intranet's figure is OpenSearch's and the baseline runs
on PostgreSQL:

    .venv/bin/python bench/search_relevance.py
    deploy/services start && eval "$(deploy/services env)"
    export DATABASE_URL="${DATABASE_URL%/*}/intranet_relevance"
    .venv/bin/python bench/search_relevance.py
"""

import os
import secrets
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="relevance-"))
    os.environ.update(DEBUG="1", LOG_LEVEL="WARNING", SEARCH_INDEX_PREFIX="relevance",
                      DJANGO_SETTINGS_MODULE="bench.relevance_settings")
    import django

    django.setup()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True)


def seed() -> None:
    from django.test import override_settings

    from intranet.feeds.demo import seed_posts
    from intranet.groups.demo import seed_groups
    from intranet.people.demo import seed_people
    from intranet.search.engines import engine
    from intranet.search.indexing import documents_of
    from intranet.search.registry import indexes

    with override_settings(WRITE_RATE_LIMITS={}):
        seed_people(password=secrets.token_urlsafe())
        seed_groups()
        seed_posts()
    for index in indexes().values():
        engine().rebuild(index, documents_of(index))


def load_baseline(keys: frozenset[str]) -> None:
    """The documents the asker may read, as Wagtail-indexed rows."""
    from wagtail.search.backends import get_search_backend

    from bench.wagtail_baseline.models import BaselineDocument
    from intranet.search.indexing import documents_of
    from intranet.search.registry import indexes

    rows = []
    for index in indexes().values():
        for _pk, document in documents_of(index):
            if not keys.intersection(document["audience"]):
                continue
            text = " ".join(" ".join(value) if isinstance(value, list) else value or ""
                            for value in (document.get(field) for field in index.text_fields))
            rows.append(BaselineDocument(kind=index.kind, title=document["title"], text=text))
    BaselineDocument.objects.bulk_create(rows)
    get_search_backend().add_bulk(BaselineDocument, BaselineDocument.objects.all())


def main() -> None:
    setup()
    seed()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from bench.wagtail_baseline.models import BaselineDocument
    from intranet.core.audience import audience_keys
    from intranet.search.engines import engine
    from intranet.search.query import Hit, SearchRequest
    from intranet.search.selectors import search
    from tests.search.judged import QUERIES, ndcg_at_10

    asker = get_user_model().objects.get(username="company")
    load_baseline(frozenset(audience_keys(asker)))
    backend = get_search_backend()
    ours, wagtail = [], []
    for query in QUERIES:
        ours.append(ndcg_at_10(search(asker, SearchRequest(q=query.q, size=50)).hits, query))
        found = backend.search(query.q, BaselineDocument)[:50]
        wagtail.append(ndcg_at_10([Hit(type=doc.kind, id=doc.pk, title=doc.title, url="",
                                       snippet="", score=0.0) for doc in found], query))
    print(f"{len(QUERIES)} judged queries, database {connection.vendor}")
    print(f"intranet search ({engine().name}): nDCG@10 {statistics.mean(ours):.3f}")
    print(f"Wagtail database search:{' ' * max(0, len(engine().name) - 5)} "
          f"nDCG@10 {statistics.mean(wagtail):.3f}")
    misses = [q.q for q, score in zip(QUERIES, wagtail, strict=True) if score == 0]
    print(f"queries Wagtail's search answers with nothing relevant: {len(misses)}: "
          + ", ".join(misses))


def judged_articles() -> None:
    """nDCG@10 per kind of query on the judged articles, posted into a group, for a
    member of it and for Wagtail's search over the same passages."""
    from django.contrib.auth import get_user_model
    from django.test import override_settings
    from wagtail.search.backends import get_search_backend

    from bench.wagtail_baseline.models import BaselineDocument
    from intranet.groups.services import group_create
    from intranet.search.engines import engine
    from intranet.search.indexing import documents_of
    from intranet.search.query import SearchRequest
    from intranet.search.registry import indexes
    from intranet.search.selectors import search
    from tests.search import articles

    reader = get_user_model().objects.create_user("articles", password=secrets.token_urlsafe())
    with override_settings(WRITE_RATE_LIMITS={}):
        group = group_create(actor=reader, name="Judged articles")
        passage_of = articles.post_all(reader, group)
    engine().rebuild(indexes()["post"], documents_of(indexes()["post"]))
    by_title = {passage["title"]: passage["id"] for passage in articles.passages()}
    BaselineDocument.objects.bulk_create([
        BaselineDocument(kind="article", title=passage["title"], text=passage["text"])
        for passage in articles.passages()])
    backend = get_search_backend()
    backend.add_bulk(BaselineDocument, BaselineDocument.objects.filter(kind="article"))

    def ours(q: str) -> list[str]:
        hits = search(reader, SearchRequest(q=q, kinds=("post",), group=group.slug,
                                            size=10)).hits
        return [passage_of[hit.id] for hit in hits]

    def wagtail(q: str) -> list[str]:
        found = backend.search(q, BaselineDocument.objects.filter(kind="article"))[:10]
        return [by_title[document.title] for document in found]

    figures = {"intranet search": articles.scores(ours), "Wagtail search": articles.scores(wagtail)}
    columns = [*articles.KINDS, "lexical", "all"]
    print(f"\njudged articles: {len(articles.passages())} passages, "
          f"{len(articles.queries())} queries")
    print("| search | " + " | ".join(columns) + " |")
    for name, scores in figures.items():
        print(f"| {name} | " + " | ".join(f"{scores[kind]:.2f}" for kind in columns) + " |")


if __name__ == "__main__":
    main()
    judged_articles()
