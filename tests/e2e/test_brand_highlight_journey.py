"""Communications features a brand item at the curation desk; an employee's open home
page shows it without reloading in the highlights band, its post in the feed, not
pinned; copying its share link is counted."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from intranet.plugins.connectors.base import Item
from intranet.plugins.models import BrandShare
from intranet.plugins.services.ingest import ingest
from intranet.plugins.services.sources import source_create
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in
from tests.feeds.conftest import give_role


@pytest.mark.e2e
def test_a_featured_item_appears_live_in_the_band(server, browser, make_person):
    make_person("acme", first_name="Acme", password=PASSWORD, is_official=True)
    carla = make_person("carla", first_name="Carla", password=PASSWORD)
    give_role(carla, "Communications")
    make_person("rita", first_name="Rita", password=PASSWORD)
    source = source_create(actor=carla, connector="rss", name="Acme blog", enabled=False,
                           settings={"url": "https://blog.acme.example/feed.xml"})
    item = ingest(source, [Item(
        external_id="acme-blog-1042", url="https://blog.acme.example/2026/11/reseaux",
        title="Les réseaux sociaux d'entreprise, un an après",
        html="<p>Un an après son lancement, la plateforme réunit 14 sites.</p>",
        published_at=datetime(2026, 11, 20, 9, tzinfo=UTC))]).new[0]

    rita = signed_in(browser, server, "rita")
    rita.context.grant_permissions(["clipboard-read", "clipboard-write"])
    expect(rita.locator("html[data-live=on]")).to_have_count(1)
    expect(rita.locator("[data-highlights]")).to_contain_text("Nothing highlighted yet")

    staff = signed_in(browser, server, "carla")
    staff.goto(f"{server}/admin/brand/items/")
    card = staff.locator(f"#item-{item.pk}")
    expect(card).to_contain_text("Les réseaux sociaux d'entreprise, un an après")
    card.get_by_role("button", name="Feature").click()
    expect(staff.locator(".messages")).to_contain_text(
        "Featured: Les réseaux sociaux d'entreprise, un an après")

    band = rita.locator("[data-highlights]")
    entry = band.locator(f'[data-seen-kind="brand item"][data-seen-id="{item.pk}"]')
    expect(entry).to_contain_text("Les réseaux sociaux d'entreprise, un an après")
    expect(entry.get_by_role("link", name="Les réseaux sociaux d'entreprise, un an après")) \
        .to_have_attribute("href", "https://blog.acme.example/2026/11/reseaux")
    expect(rita.locator(".post").first).to_contain_text("Les réseaux sociaux d'entreprise")
    expect(rita.locator(".post.pinned")).to_have_count(0)

    entry.locator("summary").click()
    link = entry.get_by_label("Link to the original, to paste anywhere")
    assert link.input_value().startswith(f"{server}/brand/go/{item.pk}:")
    expect(entry.locator("[data-share-count]")).to_have_text("0 shares")
    entry.get_by_role("button", name="Copy link").click()
    entry = band.locator(f'[data-highlight="{item.pk}"]')
    expect(entry.locator("[data-share-count]")).to_have_text("1 share")
    expect(entry.locator("[data-share-status]")).to_have_text("Link copied.")
    assert rita.evaluate("navigator.clipboard.readText()") == link.input_value()
    assert list(BrandShare.objects.values_list("channel", flat=True)) == ["copy"]
