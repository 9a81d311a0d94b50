"""Someone mentions a person: the bell counts it live, opens the newest notifications in a
panel under it (who, what, a preview), closes on Escape with the keyboard back on the
bell, and the entry opens the post. On a phone the panel fits the screen."""

import re

import pytest
from playwright.sync_api import expect

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in


@pytest.mark.e2e
def test_the_bell_opens_the_newest_notifications_and_marks_them_read(server, browser,
                                                                     make_person):
    olivia = make_person("olivia", first_name="Olivia", last_name="Martin", password=PASSWORD)
    make_person("ana", first_name="Ana", password=PASSWORD)
    group = group_create(actor=olivia, name="Design system", visibility="open")

    ana = signed_in(browser, server, "ana")
    expect(ana.locator("html[data-live=on]")).to_have_count(1)
    bell = ana.get_by_role("button", name="Notifications")
    expect(bell).to_have_attribute("aria-expanded", "false")
    badge = bell.locator(".unread-count")
    expect(badge).to_have_text("")

    post = post_create(actor=olivia, group=group,
                       body="Hello @ana, the new **icons** are ready for your review")
    expect(badge).to_have_text("1")

    bell.click()
    expect(bell).to_have_attribute("aria-expanded", "true")
    panel = ana.locator("#notification-panel")
    expect(panel).to_be_visible()
    entry = panel.locator(".notification")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Olivia Martin mentioned you")
    expect(entry).to_contain_text("the new icons are ready for your review")
    expect(entry).to_have_class(re.compile(r"\bunread\b"))  # new when it was shown
    expect(badge).to_have_text("")  # and read from then on

    ana.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(bell).to_have_attribute("aria-expanded", "false")
    expect(bell).to_be_focused()
    ana.keyboard.press("Space")  # a button's keys: Space as well as Enter
    expect(panel).to_be_visible()
    ana.keyboard.press("Escape")
    expect(panel).to_be_hidden()

    # A click elsewhere closes it too.
    bell.click()
    expect(panel).to_be_visible()
    ana.get_by_role("heading", level=1).click()
    expect(panel).to_be_hidden()

    ana.reload()
    badge = ana.get_by_role("button", name="Notifications").locator(".unread-count")
    expect(badge).to_have_text("")
    ana.get_by_role("button", name="Notifications").click()
    link = ana.locator("#notification-panel").get_by_role(
        "link", name=re.compile("Olivia Martin mentioned you"))
    expect(link).not_to_contain_text("Unread")
    link.click()
    expect(ana).to_have_url(f"{server}/feed/posts/{post.pk}/")
    expect(ana.locator(".post-body")).to_contain_text("the new icons are ready")


@pytest.mark.e2e
def test_on_a_phone_the_panel_fits_the_screen(server, browser, make_person):
    olivia = make_person("olivia", first_name="Olivia", password=PASSWORD)
    make_person("ana", first_name="Ana", password=PASSWORD)
    group = group_create(actor=olivia, name="Design system", visibility="open")
    for number in range(10):
        post_create(actor=olivia, group=group,
                    body=f"Note {number} for @ana: " + "a rather long sentence " * 8)

    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{server}/accounts/login/")
    page.locator("#id_username").fill("ana")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{server}/")
    page.get_by_role("button", name="Notifications").click()
    panel = page.locator("#notification-panel")
    expect(panel.locator(".notification")).to_have_count(8)
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert box["y"] + box["height"] <= 740, box
    assert page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    # Everything in it can be reached: the last entry and the link to all of them.
    see_all = panel.locator(".notification-panel-actions a")
    see_all.scroll_into_view_if_needed()
    expect(see_all).to_be_in_viewport()
    see_all.click()
    expect(page).to_have_url(f"{server}/feed/notifications/")
    context.close()
