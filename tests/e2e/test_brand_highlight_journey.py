"""Communications approves a brand item in the admin; an employee's open home page shows
it without reloading, in the brand highlights and in the feed."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from intranet.plugins.connectors.base import Item
from intranet.plugins.services.ingest import ingest
from intranet.plugins.services.sources import source_create
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in
from tests.feeds.conftest import give_role


@pytest.mark.e2e
def test_an_approved_item_appears_live_on_the_home_page(server, browser, make_person):
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
    expect(rita.locator("html[data-live=on]")).to_have_count(1)
    expect(rita.locator("[data-highlights]")).to_contain_text("Nothing highlighted yet")

    staff = signed_in(browser, server, "carla")
    staff.goto(f"{server}/admin/brand/items/")
    expect(staff.get_by_text("Les réseaux sociaux d'entreprise, un an après")).to_be_visible()
    staff.goto(f"{server}/admin/brand/items/edit/{item.pk}/")
    staff.get_by_role("combobox", name="Decision").select_option("approve")
    staff.get_by_role("button", name="Save").first.click()
    expect(staff.locator(".messages")).to_be_visible()

    highlights = rita.locator("[data-highlights]")
    expect(highlights).to_contain_text("Les réseaux sociaux d'entreprise, un an après")
    expect(rita.locator(".post").first).to_contain_text("Les réseaux sociaux d'entreprise")
    expect(highlights.get_by_role("link", name="LinkedIn")).to_have_attribute(
        "href", "https://www.linkedin.com/sharing/share-offsite/?url="
        "https%3A%2F%2Fblog.acme.example%2F2026%2F11%2Freseaux")
    entry = highlights.locator("[data-highlight]")
    expect(entry.get_by_role("link", name="E-mail")).to_be_visible()
    expect(entry.locator("[data-share-count]")).to_have_text("0 shares")

    # Sharing opens the network in a new tab and counts, in the panel's own words.
    with rita.context.expect_page() as opened:
        entry.get_by_role("link", name="LinkedIn").click()
    opened.value.close()
    expect(entry.locator("[data-share-count]")).to_have_text("1 share")
