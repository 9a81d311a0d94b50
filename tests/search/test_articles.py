"""Relevance on the judged articles: nDCG@10 per kind of query, on each engine, for a
reader of the group the articles are posted in."""

import pytest

from intranet.groups.services import group_create
from intranet.search.query import SearchRequest
from intranet.search.selectors import search
from tests.search import articles

pytestmark = pytest.mark.django_db

# Floors under the figures measured (docs/performance.md): a drop below them is a
# regression in analysis or ranking.
FLOORS = {
    "database": {"lexical": 0.80, "all": 0.65},
    "opensearch": {"lexical": 0.85, "all": 0.65},
}


def test_the_judged_articles_rank_well(search_engine, index_now, make_person, settings):
    settings.WRITE_RATE_LIMITS = {}
    author = make_person("claire")
    group = group_create(actor=author, name="Revue de presse")
    passage_of = articles.post_all(author, group)
    index_now()

    def ranked(q: str) -> list[str]:
        hits = search(author, SearchRequest(q=q, kinds=("post",), size=10)).hits
        return [passage_of[hit.id] for hit in hits]

    scores = articles.scores(ranked)
    print(f"\n{search_engine}: " + ", ".join(f"{kind} {value:.2f}"
                                            for kind, value in scores.items()))
    for kind, floor in FLOORS[search_engine].items():
        assert scores[kind] >= floor, kind
