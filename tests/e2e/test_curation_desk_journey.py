"""A Communications officer works through the curation desk with the keyboard and the
bulk buttons; an employee sees the featured item in the highlights band with its image,
and a visit through its share link is counted."""

import threading
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from intranet.plugins.connectors.base import Item
from intranet.plugins.models import BrandClick, BrandItem, ItemState
from intranet.plugins.services.ingest import ingest
from intranet.plugins.services.media import fetch_images
from intranet.plugins.services.sources import source_create
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in
from tests.feeds.conftest import give_role
from tests.plugins.conftest import ChannelServer
from tests.plugins.test_images_and_pages import png

COLOURS = ["red", "green", "blue", "orange"]


@pytest.fixture
def pictures(settings):
    """A local server playing the channel's image host."""
    settings.FETCH_ALLOW_PRIVATE_NETWORKS = True
    server = ChannelServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [server.serve(f"/img/{colour}.png", png(colour), "image/png") for colour in COLOURS]
    server.shutdown()
    server.server_close()


def loaded(image) -> bool:
    """Whether the image arrives and decodes (it may be lazily loaded)."""
    image.scroll_into_view_if_needed()
    image.page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                                 arg=image.element_handle())
    return True


@pytest.mark.e2e
def test_a_curator_decides_at_the_desk_and_employees_see_the_band(server, browser,
                                                                  make_person, pictures):
    make_person("acme", first_name="Acme", password=PASSWORD, is_official=True)
    carla = make_person("carla", first_name="Carla", password=PASSWORD)
    give_role(carla, "Communications")
    make_person("rita", first_name="Rita", password=PASSWORD)
    source = source_create(actor=carla, connector="rss", name="Acme blog", enabled=False,
                           settings={"url": "https://blog.acme.example/feed.xml"})
    items = ingest(source, [Item(
        external_id=f"story-{n}", url=f"https://blog.acme.example/story-{n}",
        title=f"Story {colour}", text=f"The {colour} story #acme @press",
        images=[pictures[n]], published_at=datetime(2026, 11, 20 + n, 9, tzinfo=UTC))
        for n, colour in enumerate(COLOURS)]).new
    for item in items:
        assert fetch_images(item.pk) == 1
    newest_first = list(reversed(items))

    staff = signed_in(browser, server, "carla")
    staff.goto(f"{server}/admin/brand/items/")
    expect(staff.locator('[data-state-tab="pending"][aria-current="page"]')).to_contain_text(
        "Pending 4")
    cards = staff.locator("[data-desk-item]")
    expect(cards).to_have_count(4)
    for n in range(4):
        thumbnail = cards.nth(n).locator(".desk-thumbs img")
        expect(thumbnail).to_be_visible()
        assert loaded(thumbnail)
    expect(staff.locator(".desk-keys")).to_contain_text("j / k")

    # The first card is current; j moves on; typing in a caption decides nothing.
    expect(cards.first).to_have_class("desk-item is-current")
    staff.keyboard.press("j")
    expect(cards.nth(1)).to_have_class("desk-item is-current")
    staff.keyboard.press("c")
    expect(cards.nth(1).locator("textarea")).to_be_focused()
    staff.keyboard.type("far")
    assert BrandItem.objects.get(pk=newest_first[1].pk).state == ItemState.PENDING
    cards.nth(1).locator("textarea").fill("")
    staff.locator("h1").first.click()
    staff.keyboard.press("a")
    expect(staff.locator(".messages")).to_contain_text(f"Approved: {newest_first[1].title}")
    expect(cards).to_have_count(3)
    expect(staff.locator(f"#item-{newest_first[2].pk}")).to_have_class("desk-item is-current")

    staff.locator(f"#item-{newest_first[0].pk}").get_by_role("button", name="Feature").click()
    expect(staff.locator(".messages")).to_contain_text(f"Featured: {newest_first[0].title}")

    # The current item is the one after the featured one, once the desk's keys are ready.
    expect(staff.locator(f"#item-{newest_first[2].pk}")).to_have_class("desk-item is-current")
    staff.keyboard.press("x")
    staff.locator(f"#item-{newest_first[3].pk}").get_by_label(
        f"Select {newest_first[3].title}").check()
    staff.get_by_role("button", name="Reject ticked").click()
    expect(staff.locator(".messages")).to_contain_text("Rejected 2 items")
    expect(staff.get_by_text("Nothing waits for a decision.")).to_be_visible()
    states = dict(BrandItem.objects.values_list("pk", "state"))
    assert [states[item.pk] for item in newest_first] == [
        ItemState.FEATURED, ItemState.APPROVED, ItemState.REJECTED, ItemState.REJECTED]

    rita = signed_in(browser, server, "rita")
    featured = newest_first[0]
    band = rita.locator("[data-highlights]")
    entry = band.locator(f'[data-seen-kind="brand item"][data-seen-id="{featured.pk}"]')
    expect(entry).to_contain_text(featured.title)
    expect(band.locator("[data-seen-kind]")).to_have_count(1)
    assert loaded(entry.locator("img"))
    expect(rita.locator(".post.pinned")).to_have_count(0)

    entry.locator("summary").click()
    link = entry.get_by_label("Link to the original, to paste anywhere").input_value()
    visitor = browser.new_context(locale="en-GB")
    answer = visitor.request.get(link, max_redirects=0)
    assert answer.status == 302
    assert answer.headers["location"] == (
        f"https://blog.acme.example/story-{len(COLOURS) - 1}?utm_source=intranet"
        f"&utm_medium=employee_share&utm_campaign=brand-{featured.pk}")
    assert list(BrandClick.objects.values_list("item_id", flat=True)) == [featured.pk]
    visitor.close()
