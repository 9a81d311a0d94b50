"""`search_reindex` rebuilds without a gap; `search_check` finds what drifted."""

import io

import pytest
from django.core.management import CommandError, call_command

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from intranet.search.engines import engine
from intranet.search.engines.dsl import alias
from intranet.search.indexing import documents_of
from intranet.search.query import SearchRequest
from intranet.search.registry import indexes
from intranet.search.selectors import search

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def company(make_person, index_now):
    owner = make_person("olivia")
    make_person("val")
    group = group_create(actor=owner, name="Astronomy club")
    posts = [post_create(actor=owner, body=f"Telescope night number {n}", group=group)
             for n in range(3)]
    index_now()
    return owner, posts


def test_reindex_counts_each_type_and_keeps_everything_findable(search_engine, company):
    owner, _posts = company
    output = run("search_reindex", "--no-progress")
    assert "post: 3 documents" in output
    assert "person: 2 documents" in output
    assert "group: 1 documents" in output
    assert search(owner, SearchRequest(q="telescope")).total == 3


def test_reindex_of_one_type_leaves_the_others_alone(search_engine, company):
    output = run("search_reindex", "--no-progress", "--type", "group")
    assert output.strip() == "group: 1 documents"


def test_reindex_switches_the_alias_to_a_new_index_and_drops_the_old(opensearch, company):
    owner, _posts = company
    client, name = engine().client, alias(engine().prefix, indexes()["post"])
    before = set(client.indices.get_alias(name=name))
    run("search_reindex", "--no-progress", "--type", "post")
    after = set(client.indices.get_alias(name=name))
    assert len(after) == 1 and after != before
    assert not client.indices.exists(index=",".join(before))
    assert search(owner, SearchRequest(q="telescope")).total == 3


def test_check_reports_missing_and_extra_documents_until_reindexed(search_engine, company):
    _owner, posts = company
    assert "The index matches the database." in run("search_check")
    index = indexes()["post"]
    stray = dict(documents_of(index))[posts[0].pk]
    engine().write(index, {posts[1].pk: None, 987654: stray})
    engine().refresh()
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 difference"):
        call_command("search_check", stdout=out)
    report = out.getvalue()
    assert "post: 3 expected, 3 indexed, 1 missing, 1 extra" in report
    assert f"missing: {posts[1].pk}" in report
    assert "extra: 987654" in report
    assert "group: 1 expected, 1 indexed, 0 missing, 0 extra" in report
    run("search_reindex", "--no-progress")
    engine().refresh()
    assert "The index matches the database." in run("search_check")


def test_reindex_builds_indexes_with_the_shards_and_replicas_configured(opensearch, company,
                                                                        settings):
    settings.SEARCH_SHARDS, settings.SEARCH_REPLICAS = 2, 1
    run("search_reindex", "--no-progress", "--type", "post")
    client, name = engine().client, alias(engine().prefix, indexes()["post"])
    (built,) = client.indices.get_settings(index=name).values()
    assert (built["settings"]["index"]["number_of_shards"],
            built["settings"]["index"]["number_of_replicas"]) == ("2", "1")
    assert search(company[0], SearchRequest(q="telescope")).total == 3
