"""The curation desk in the Wagtail admin: pending first, cards with thumbnails, one
click per decision (no confirmation page), bulk, captions, and nothing for employees."""

import re
from datetime import UTC, datetime

import pytest

from intranet.groups.services import group_create
from intranet.plugins.connectors.base import Item
from intranet.plugins.models import BrandItem, ItemState
from intranet.plugins.services.curation import item_decide
from intranet.plugins.services.ingest import ingest
from intranet.plugins.services.media import fetch_images
from intranet.plugins.services.polling import poll_source
from tests.feeds.conftest import give_role, join_as
from tests.plugins.test_images_and_pages import png

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

DESK = "/admin/brand/items/"
ACT = "/admin/brand/items/act/"


@pytest.fixture
def items(channels, brand) -> list[BrandItem]:
    """Four pending items, the first with an image kept privately, and one approved."""
    picture = channels.serve("/img/plant.png", png("red"), "image/png")
    source = brand.source("rss", {"url": f"{channels.url}/feed.xml"}, enabled=False,
                          name="Acme blog")
    made = ingest(source, [Item(external_id=str(n), url=f"https://blog.acme.example/{n}",
                                title=f"Story number {n}", text=f"Text of story {n}.",
                                images=[picture] if n == 0 else [],
                                published_at=datetime(2026, 11, n + 1, tzinfo=UTC))
                           for n in range(5)]).new
    fetch_images(made[0].pk)
    item_decide(actor=brand.curator, item=made[4], decision="approve")
    return made


def cards(html: str) -> list[str]:
    return re.findall(r'<h2 class="desk-title" id="item-\d+-title">([^<]*)</h2>', html)


def test_the_desk_opens_on_pending_items_with_counts_and_thumbnails(items, brand,
                                                                    client_for, make_person):
    staff = client_for(brand.curator)
    page = staff.get(DESK)
    assert page.status_code == 200
    html = page.content.decode()
    assert sorted(cards(html)) == [f"Story number {n}" for n in range(4)]
    assert re.search(r'data-state-tab="pending">\s*Pending <span class="desk-count">4<', html)
    assert re.search(r'data-state-tab="approved">\s*Approved <span class="desk-count">1<', html)
    assert "Keyboard: j / k" in html
    thumbnail = items[0].images.get().image.url
    assert f'src="{thumbnail}"' in html
    assert staff.get(thumbnail).status_code == 200
    assert client_for(make_person("rita")).get(thumbnail).status_code == 404
    approved = staff.get(DESK, {"state": "approved"}).content.decode()
    assert cards(approved) == ["Story number 4"]
    assert len(cards(staff.get(DESK, {"state": "all"}).content.decode())) == 5


def test_a_row_button_decides_at_once_and_comes_back_to_the_next_item(items, brand,
                                                                      client_for):
    staff = client_for(brand.curator)
    listed = [item.pk for item in items[:4]]
    answer = staff.post(ACT, {"state": "pending", "page": "1", "listed": listed,
                              "one": f"{items[1].pk}:approve"})
    assert answer.status_code == 302
    assert answer["Location"] == f"{DESK}?state=pending&page=1#item-{items[2].pk}"
    items[1].refresh_from_db()
    assert items[1].state == ItemState.APPROVED and items[1].decided_by == brand.curator
    assert items[1].post is not None and items[1].post.pinned_at is None
    after = staff.get(answer["Location"]).content.decode()
    assert "Approved: Story number 1" in after and "Story number 1</h2>" not in after


def test_ticked_items_are_decided_in_bulk_without_a_confirmation_page(items, brand,
                                                                      client_for):
    staff = client_for(brand.curator)
    answer = staff.post(ACT, {"state": "pending", "bulk": "reject",
                              "item": [items[0].pk, items[2].pk]}, follow=True)
    assert answer.redirect_chain[0][1] == 302
    assert re.search(r"Rejected 2 items: Story number [02], Story number [02]",
                     answer.content.decode())
    states = dict(BrandItem.objects.values_list("pk", "state"))
    assert (states[items[0].pk], states[items[2].pk]) == (ItemState.REJECTED,) * 2
    assert states[items[1].pk] == ItemState.PENDING
    nothing = staff.post(ACT, {"state": "pending", "bulk": "feature"}, follow=True)
    assert "Tick the items to decide on first." in nothing.content.decode()


def test_a_caption_is_edited_in_place(items, brand, client_for):
    staff = client_for(brand.curator)
    answer = staff.post(ACT, {"state": "approved", "caption_for": items[4].pk,
                              f"caption-{items[4].pk}": "Bravo à l'équipe"})
    assert answer["Location"].endswith(f"#item-{items[4].pk}")
    items[4].refresh_from_db()
    assert items[4].caption == "Bravo à l'équipe"
    assert items[4].post.body.startswith("Bravo à l'équipe")
    too_long = staff.post(ACT, {"caption_for": items[4].pk,
                                f"caption-{items[4].pk}": "x" * 3000}, follow=True)
    assert "at most 2000 characters" in too_long.content.decode()


def test_employees_get_nothing_of_the_desk(items, client_for, make_person):
    employee = client_for(make_person("rita"))
    assert employee.get(DESK).status_code in (302, 403)
    answer = employee.post(ACT, {"one": f"{items[0].pk}:approve"})
    assert answer.status_code in (302, 403)
    assert "Story number 0" not in answer.content.decode()
    items[0].refresh_from_db()
    assert items[0].state == ItemState.PENDING


def test_fediverse_items_are_titled_by_their_words_with_tags_and_mentions_intact(
        channels, brand, client_for):
    channels.serve("/api/v1/accounts/lookup", "mastodon/lookup.json")
    channels.serve("/api/v1/accounts/109876543210/statuses", "mastodon/statuses.json")
    source = brand.source("mastodon", {"server": channels.url, "account": "acme"})
    poll_source(source)
    showroom = source.items.get(external_id="117648005529601201")
    assert showroom.title.startswith("Notre nouveau showroom de Lyon") and \
        showroom.title.endswith("…")
    assert all(item.title and "://" not in item.title for item in source.items.all())
    html = client_for(brand.curator).get(DESK).content.decode()
    assert showroom.title in cards(html)
    assert not any("://" in title for title in cards(html))
    assert "@camille_r" in html and "#innovation #lyon" in html
    post = item_decide(actor=brand.curator, item=showroom, decision="approve").post
    assert post.body.count("Notre nouveau showroom") == 1


def test_a_source_in_a_secret_group_stays_out_of_other_curators_desks(brand, client_for,
                                                                      make_person):
    owner = make_person("olivia")
    secret = group_create(actor=owner, name="Projet Atlas", visibility="secret")
    join_as(secret, brand.curator, owner)
    source = brand.source("rss", {"url": "https://blog.acme.example/feed.xml"},
                          enabled=False, group=secret, name="Atlas news")
    ingest(source, [Item(external_id="1", url="https://blog.acme.example/1",
                         title="Atlas milestone")])
    colleague = make_person("cora")
    give_role(colleague, "Communications")
    assert "Atlas milestone" in client_for(brand.curator).get(DESK).content.decode()
    theirs = client_for(colleague).get(DESK).content.decode()
    assert "Atlas" not in theirs
    assert re.search(r'data-state-tab="pending">\s*Pending <span class="desk-count">0<', theirs)
