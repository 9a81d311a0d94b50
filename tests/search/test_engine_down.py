"""Writes go on while the search engine is down, and are indexed when it returns."""

import os
import signal
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.core.background.periodic import registered
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from intranet.search.indexing import drain_all
from intranet.search.models import IndexOutbox
from intranet.search.query import SearchRequest
from intranet.search.selectors import search
from tests.search.conftest import opensearch_pid

pytestmark = pytest.mark.django_db


@contextmanager
def opensearch_paused():
    """The real node, frozen: requests to it time out until it is thawed."""
    pid = opensearch_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def test_posts_written_while_the_engine_is_down_are_indexed_when_it_returns(
        opensearch, make_person, index_now):
    owner, reader = make_person("olivia"), make_person("ana")
    group = group_create(actor=owner, name="Club")
    index_now()
    with opensearch_paused():
        for n in range(50):
            post_create(actor=owner, body=f"Resilient marmalade number {n}", group=group)
        assert drain_all() == 0
        assert IndexOutbox.objects.filter(kind="post", attempts__gte=1).count() == 50
    # The periodic drain picks them up once their back-off has passed: no one acts.
    assert "intranet.search.tasks.drain_search_outbox" in [job.name for job in registered()]
    assert drain_all(now=timezone.now() + timedelta(minutes=31)) == 50
    index_now()
    assert search(reader, SearchRequest(q="marmalade", kinds=("post",))).total == 50
    assert not IndexOutbox.objects.exists()


def test_a_search_while_the_engine_is_down_says_so(opensearch, make_person, api_for,
                                                  index_now):
    api = api_for(make_person("ana"))
    index_now()
    with opensearch_paused():
        response = api.get("/api/v1/search/", {"q": "anything"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "search_unavailable"
