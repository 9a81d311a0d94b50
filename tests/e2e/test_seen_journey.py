"""A post card counts as seen once it has really been on the reader's screen: scrolled
into view and left there a moment, not merely loaded further down the page."""

import time

import pytest
from playwright.sync_api import expect

from intranet.analytics.models import View
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join

PASSWORD = "a long passphrase 1"


def views_of(reader, post) -> int:
    return View.objects.filter(user=reader, kind="post", object_id=post.pk).count()


def wait_for_view(reader, post, seconds: float = 10.0) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not views_of(reader, post):
        time.sleep(0.2)
    return views_of(reader, post)


@pytest.mark.e2e
def test_scrolling_a_card_into_view_records_it_once(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    reader = make_person("mike", first_name="Mike", password=PASSWORD)
    group = group_create(actor=owner, name="Long reads")
    group_join(actor=reader, group=group)
    oldest = post_create(actor=owner, body="The oldest post, at the bottom", group=group)
    for n in range(12):
        post_create(actor=owner, body=f"Post number {n}\n\n" + "A paragraph. " * 40,
                    group=group)

    page = browser.new_context(locale="en-GB", viewport={"width": 1000, "height": 700}
                               ).new_page()
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("Username").fill("mike")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server}/groups/{group.slug}/")
    card = page.locator(f'[data-seen-kind="post"][data-seen-id="{oldest.pk}"]')
    expect(card).to_have_count(1)

    page.wait_for_timeout(1500)
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")
    page.wait_for_timeout(1000)
    assert views_of(reader, oldest) == 0, "loaded below the fold is not seen"

    card.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")
    assert wait_for_view(reader, oldest) == 1

    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    card.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")
    page.wait_for_timeout(1000)
    assert views_of(reader, oldest) == 1
    page.context.close()
