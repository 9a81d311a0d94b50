"""Item images are fetched a few at a time, kept privately and carried by the post; the
brand highlights page lists what the reader may read."""

import io
from datetime import UTC, datetime

import pytest
from PIL import Image

from intranet.groups.services import group_create
from intranet.plugins.connectors.base import Item
from intranet.plugins.services.curation import item_decide
from intranet.plugins.services.ingest import ingest
from intranet.plugins.services.media import fetch_images
from tests.feeds.conftest import join_as

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def png(color: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), color).save(out, format="PNG")
    return out.getvalue()


def test_a_few_images_are_fetched_kept_privately_and_published_with_the_post(
        channels, brand, settings, client_for, make_person):
    settings.BRAND_IMAGES_PER_ITEM = 2
    urls = [channels.serve(f"/img/{n}.png", png(color), "image/png")
            for n, color in enumerate(["red", "green", "blue"])]
    broken = channels.serve("/img/broken.png", b"not an image", "image/png")
    source = brand.source("rss", {"url": f"{channels.url}/feed.xml"}, enabled=False)
    item = ingest(source, [Item(external_id="1", url="https://blog.acme.example/1",
                                title="Our new plant", images=[broken, *urls],
                                published_at=datetime(2026, 11, 2, tzinfo=UTC))]).new[0]
    assert fetch_images(item.pk) == 2
    assert [image.source_url for image in item.images.all()] == urls[:2]
    stored = item.images.first().image.url
    assert client_for(make_person("rita")).get(stored).status_code == 404
    assert client_for(brand.curator).get(stored).status_code == 200
    assert fetch_images(item.pk) == 2 and len(channels.hits("/img/0.png")) == 1
    item = item_decide(actor=brand.curator, item=item, decision="approve")
    assert item.post.images.count() == 2
    assert client_for(make_person("sam")).get(stored).status_code == 200


def test_the_highlights_page_shows_what_the_reader_may_read(brand, client_for, make_person):
    owner, outsider = make_person("olivia"), make_person("nora")
    group = group_create(actor=owner, name="Projet Atlas", visibility="secret")
    join_as(group, brand.curator, owner)
    for word, target in (("Everyone", None), ("Secret", group)):
        source = brand.source("rss", {"url": "https://blog.acme.example/feed.xml"},
                              enabled=False, group=target, name=word)
        item = ingest(source, [Item(external_id=word, url=f"https://blog.acme.example/{word}",
                                    title=f"{word} news")]).new[0]
        item_decide(actor=brand.curator, item=item, decision="approve")
    page = client_for(outsider).get("/brand/").content.decode()
    assert "Everyone news" in page and "Secret news" not in page
    page = client_for(owner).get("/brand/").content.decode()
    assert "Everyone news" in page and "Secret news" in page


def test_a_highlight_card_follows_the_read_policy(brand, client_for, make_person):
    owner, outsider = make_person("olivia"), make_person("nora")
    group = group_create(actor=owner, name="Projet Atlas", visibility="secret")
    join_as(group, brand.curator, owner)
    cards = {}
    for word, target, decision in (("Everyone", None, "feature"), ("Secret", group, "approve"),
                                   ("Rejected", None, "reject")):
        source = brand.source("rss", {"url": "https://blog.acme.example/feed.xml"},
                              enabled=False, group=target, name=word)
        item = ingest(source, [Item(external_id=word, url=f"https://blog.acme.example/{word}",
                                    title=f"{word} news")]).new[0]
        item_decide(actor=brand.curator, item=item, decision=decision)
        cards[word] = f"/brand/{item.pk}/card/"
    card = client_for(outsider).get(cards["Everyone"])
    assert card.status_code == 200
    html = card.content.decode()
    assert html.lstrip().startswith('<li class="highlight featured" data-highlight=')
    assert f'data-seen-kind="brand item" data-seen-id="{cards["Everyone"].split("/")[2]}"' in html
    assert ">Featured</span>" in html
    assert "0 shares" in html
    assert client_for(outsider).get(cards["Secret"]).status_code == 404
    assert client_for(owner).get(cards["Secret"]).status_code == 200
    assert client_for(owner).get(cards["Rejected"]).status_code == 404
    assert client_for(owner).get("/brand/999999/card/").status_code == 404
