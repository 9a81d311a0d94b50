"""Brand highlights in search: found once approved, by their audience only, and gone
when rejected."""

from datetime import UTC, datetime

import pytest

from intranet.groups.services import group_create
from intranet.plugins.connectors.base import Item
from intranet.plugins.services.curation import item_decide
from intranet.plugins.services.ingest import ingest
from intranet.search.query import SearchRequest
from intranet.search.selectors import search
from tests.feeds.conftest import join_as
from tests.plugins.conftest import Brand, make_brand

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


@pytest.fixture
def brand(make_person) -> Brand:
    return make_brand(make_person)


def found(user, word: str) -> int:
    return search(user, SearchRequest(q=word, kinds=("brand",))).total


def item_for(brand: Brand, word: str, **options):
    source = brand.source("rss", {"url": "https://blog.acme.example/feed.xml"},
                          enabled=False, **options)
    return ingest(source, [Item(external_id="1", url="https://blog.acme.example/1",
                                title=f"Acme and the {word} award",
                                html=f"<p>A {word} year.</p>",
                                published_at=datetime(2026, 11, 2, tzinfo=UTC))]).new[0]


def test_an_approved_item_is_found_and_a_rejected_one_is_not(brand, make_person, index_now):
    reader = make_person("rita")
    item = item_for(brand, "zephyrine")
    index_now()
    assert found(reader, "zephyrine") == 0
    item = item_decide(actor=brand.curator, item=item, decision="approve")
    index_now()
    assert found(reader, "zephyrine") == 1
    item_decide(actor=brand.curator, item=item, decision="reject")
    index_now()
    assert found(reader, "zephyrine") == 0


def test_an_item_for_a_secret_group_is_found_by_its_members_only(brand, make_person,
                                                                 index_now):
    owner, outsider = make_person("olivia"), make_person("nora")
    group = group_create(actor=owner, name="Projet Atlas", visibility="secret")
    join_as(group, brand.curator, owner)
    item = item_for(brand, "quetzalcoatl", group=group)
    item_decide(actor=brand.curator, item=item, decision="approve")
    index_now()
    assert found(owner, "quetzalcoatl") == 1
    assert found(outsider, "quetzalcoatl") == 0
    assert search(outsider, SearchRequest(q="quetzalcoatl")).total == 0
