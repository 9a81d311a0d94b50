"""Search on a large company: indexing throughput, and query latency against the floor.

Loads 5,000 people and 100,000 posts (text drawn from a French and English vocabulary)
into a database of its own, rebuilds the indexes from it (documents per second), then
times a mix of queries through the intranet's search (synonyms, audience filter, facets,
highlights, response handling) against the floor. On OpenSearch the floor is the same
body sent straight to the engine with its own client; with `--database`, it is the bare
full-text SQL query that returns the best twenty matches of any word of the query (FTS5
and BM25 on SQLite, the entries' tsvector and ts_rank_cd on PostgreSQL).

    deploy/services start && eval "$(deploy/services env)"
    export DATABASE_URL="${DATABASE_URL%/*}/intranet_searchbench"
    .venv/bin/python bench/search_engine.py
    .venv/bin/python bench/search_engine.py --database
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY = ("réseau entreprise équipe projet réunion budget client produit sécurité données "
              "formation recrutement télétravail bureau déménagement séminaire qualité "
              "innovation network company team project meeting customer product security data "
              "training hiring remote office moving seminar quality roadmap release "
              "kubernetes python design accessibilité accessibility marketing ventes sales")
WORDS = VOCABULARY.split()
QUERIES = ["réseau entreprise", "security training", "budget", "projet innovation",
           "remote office", "accessibilite", "kubernets", "données clients", "Person 42",
           "seminar quality"]


def setup(database: bool) -> None:
    if database:
        os.environ["SEARCH_URL"] = "db"
    elif not os.environ.get("SEARCH_URL", "").startswith(("opensearch", "elasticsearch")):
        sys.exit("SEARCH_URL must point at OpenSearch: eval \"$(deploy/services env)\"")
    sys.path.insert(0, str(ROOT))
    os.environ.update(DEBUG="1", LOG_LEVEL="WARNING", SEARCH_INDEX_PREFIX="bench",
                      DJANGO_SETTINGS_MODULE="intranet.settings")
    import django

    django.setup()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)


def load(people: int, posts: int) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from intranet.feeds.models import Post
    from intranet.groups.services import group_create
    from intranet.people.services import profile_ensure

    User = get_user_model()
    if Post.objects.count() >= posts:
        return
    print(f"loading {people} people and {posts} posts...", flush=True)
    rng = random.Random(3)
    password = make_password(None)
    with transaction.atomic():
        User.objects.bulk_create([User(username=f"p{n}", display_name=f"Person {n}",
                                       password=password) for n in range(people)])
        users = list(User.objects.filter(username__startswith="p").order_by("pk"))
        for user in users:
            profile_ensure(user=user)
        groups = [group_create(actor=users[n], name=f"Group {n}") for n in range(50)]
        now = timezone.now()
        batch = []
        for _ in range(posts):
            group = rng.choice(groups)
            body = " ".join(rng.choices(WORDS, k=rng.randint(8, 40)))
            when = now - timedelta(minutes=rng.randint(1, 525_600))
            batch.append(Post(author=rng.choice(users), group=group,
                              audience_key=f"group:{group.pk}", body=body, html=body,
                              published_at=when, last_activity_at=when))
            if len(batch) == 5000:
                Post.objects.bulk_create(batch)
                batch = []
        Post.objects.bulk_create(batch)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def index_floor(client, prefix: str) -> float:
    """Seconds to bulk the same documents, already built, with the engine's own client."""
    from opensearchpy.helpers import bulk

    from intranet.search.engines.dsl import index_body
    from intranet.search.indexing import documents_of
    from intranet.search.registry import indexes

    seconds = 0.0
    for index in indexes().values():
        name = f"{prefix}-floor-{index.kind}"
        client.indices.delete(index=name, ignore_unavailable=True)
        client.indices.create(index=name, body=index_body(index))
        actions = [{"_index": name, "_id": str(object_id), "_source": document}
                   for object_id, document in documents_of(index)]
        started = time.perf_counter()
        bulk(client, actions, chunk_size=500)
        client.indices.refresh(index=name)
        seconds += time.perf_counter() - started
        client.indices.delete(index=name)
    return seconds


def bare_query(q: str) -> tuple[str, list[str]]:
    """The full-text SQL floor: the best twenty entries holding any word of `q`."""
    from django.db import connection

    from intranet.search.models import SearchEntry
    from intranet.search.words import words

    found = list(dict.fromkeys(words(q)))
    if connection.vendor == "postgresql":
        any_word = " || ".join("plainto_tsquery('intranet_fr', %s) || "
                               "plainto_tsquery('intranet_en', %s)" for _word in found)
        table = SearchEntry._meta.db_table
        return (f"SELECT id, ts_rank_cd(vector, q) AS rank FROM {table}, "
                f"(SELECT {any_word} AS q) AS query WHERE vector @@ q "
                "ORDER BY rank DESC LIMIT 20",
                [word for word in found for _config in (1, 2)])
    return ("SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s "
            "ORDER BY rank LIMIT 20", [" OR ".join(f'"{word}"' for word in found)])


def database_latency(asker, runs: int) -> None:
    from django.db import connection

    from intranet.search.query import SearchRequest
    from intranet.search.selectors import search

    ours, floor = [], []
    for _ in range(runs):
        for q in QUERIES:
            sql, params = bare_query(q)
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()
            floor.append(time.perf_counter() - start)
            start = time.perf_counter()
            search(asker, SearchRequest(q=q))
            ours.append(time.perf_counter() - start)
    report(floor, ours, "bare full-text SQL")


def report(floor: list[float], ours: list[float], name: str) -> None:
    floor_p50, floor_p95 = percentiles(floor)
    p50, p95 = percentiles(ours)
    print(f"floor ({name}) p50 {floor_p50:7.2f} ms  p95 {floor_p95:7.2f} ms")
    print(f"intranet search p50 {p50:7.2f} ms  p95 {p95:7.2f} ms")
    print(f"ratio           p50 {p50 / floor_p50:6.2f}     p95 {p95 / floor_p95:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database", action="store_true",
                        help="measure the database engine instead of OpenSearch")
    args = parser.parse_args()
    setup(args.database)
    load(args.people, args.posts)
    if args.database:
        from django.contrib.auth import get_user_model
        from django.db import connection

        from intranet.search.engines import engine
        from intranet.search.indexing import documents_of
        from intranet.search.registry import indexes

        started = time.perf_counter()
        written = sum(engine().rebuild(index, documents_of(index))
                      for index in indexes().values())
        seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"engine=database ({connection.vendor}) documents={written} "
              f"people={args.people} posts={args.posts} queries={args.runs * len(QUERIES)}")
        print(f"indexing: {written / seconds:,.0f} documents/s ({seconds:.1f} s)")
        database_latency(get_user_model().objects.get(username="p1"), args.runs)
        return
    from django.contrib.auth import get_user_model

    from intranet.core.audience import audience_keys
    from intranet.search.engines import engine
    from intranet.search.engines.dsl import build_search
    from intranet.search.indexing import documents_of
    from intranet.search.plan import plan
    from intranet.search.query import SearchRequest
    from intranet.search.registry import indexes
    from intranet.search.selectors import search

    floor_seconds = index_floor(engine().client, engine().prefix)
    started = time.perf_counter()
    written = sum(engine().rebuild(index, documents_of(index)) for index in indexes().values())
    seconds = time.perf_counter() - started
    asker = get_user_model().objects.get(username="p1")
    keys = audience_keys(asker)
    client = engine().client
    ours, floor = [], []
    for _ in range(args.runs):
        for q in QUERIES:
            request = SearchRequest(q=q)
            body = build_search(engine().prefix, request, keys, plan(q))
            names, raw_body = ",".join(body._index), body.to_dict()
            start = time.perf_counter()
            client.search(index=names, body=raw_body)
            floor.append(time.perf_counter() - start)
            start = time.perf_counter()
            search(asker, request)
            ours.append(time.perf_counter() - start)
    print(f"engine={engine().name} documents={written} people={args.people} "
          f"posts={args.posts} queries={len(ours)}")
    print(f"indexing: {written / seconds:,.0f} documents/s ({seconds:.1f} s), floor "
          f"{written / floor_seconds:,.0f} documents/s ({floor_seconds:.1f} s), "
          f"ratio {seconds / floor_seconds:.2f}")
    report(floor, ours, "engine client")


if __name__ == "__main__":
    main()
