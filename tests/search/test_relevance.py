"""Relevance over the demo data: nDCG@10 of the judged queries, on each engine."""

import statistics

import pytest
from django.contrib.auth import get_user_model

from intranet.feeds.demo import seed_posts
from intranet.groups.demo import seed_groups
from intranet.people.demo import seed_people
from intranet.search.query import SearchRequest
from intranet.search.selectors import search
from tests.search.judged import QUERIES, ndcg_at_10

pytestmark = pytest.mark.django_db

# Floors under the figures measured when the judgments were written (docs/performance.md):
# a drop below them is a regression in ranking or analysis.
FLOORS = {"database": 0.90, "opensearch": 0.90}


def mean_ndcg(user) -> float:
    return statistics.mean(ndcg_at_10(search(user, SearchRequest(q=query.q, size=50)).hits,
                                      query) for query in QUERIES)


def test_the_judged_queries_rank_well(search_engine, index_now, settings):
    settings.WRITE_RATE_LIMITS = {}
    seed_people(password="demo")
    seed_groups()
    seed_posts()
    index_now()
    assert len(QUERIES) >= 40
    asker = get_user_model().objects.get(username="company")
    score = mean_ndcg(asker)
    print(f"\nnDCG@10 on {search_engine}: {score:.3f} over {len(QUERIES)} queries")
    assert score >= FLOORS[search_engine]
