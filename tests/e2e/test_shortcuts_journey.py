"""The feed by keyboard alone: j and k go from post to post, l likes, o opens, c comments,
and the help page lists the keys and turns them off."""

import re

import pytest
from playwright.sync_api import expect

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in


@pytest.mark.e2e
def test_the_feed_by_keyboard(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    group = group_create(actor=owner, name="Design system")
    for number in range(4):
        post_create(actor=owner, group=group, body=f"Update number {number}")
    page = signed_in(browser, server, "olivia")
    page.goto(f"{server}/groups/design-system/")
    page.locator("body").click(position={"x": 5, "y": 300})
    cards = page.locator("[data-feed] .post")

    page.keyboard.press("j")
    expect(cards.nth(0)).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(cards.nth(2)).to_be_focused()
    page.keyboard.press("k")
    expect(cards.nth(1)).to_be_focused()
    page.keyboard.press("l")
    expect(cards.nth(1).locator("button.reaction[data-kind=like]")).to_have_attribute(
        "aria-pressed", "true")

    page.keyboard.press("n")
    expect(page.get_by_label("What would you like to share?")).to_be_focused()
    page.keyboard.press("j")  # typed into the composer, not a shortcut
    expect(page.get_by_label("What would you like to share?")).to_have_value("j")
    page.get_by_label("What would you like to share?").fill("")

    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("k")  # from nowhere, k starts at the last post
    expect(cards.nth(3)).to_be_focused()
    page.keyboard.press("o")
    expect(page).to_have_url(re.compile(r"/feed/posts/\d+/$"))
    page.keyboard.press("j")
    page.keyboard.press("c")
    expect(page.get_by_label("Your comment")).to_be_focused()

    page.get_by_label("Your comment").press("Escape")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("?")
    expect(page.get_by_role("heading", level=1)).to_have_text("Keyboard shortcuts")
    switch = page.get_by_role("button", name="Use keyboard shortcuts")
    expect(switch).to_have_attribute("aria-pressed", "true")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("g")
    page.keyboard.press("h")
    page.wait_for_timeout(300)
    expect(page.get_by_role("heading", level=1)).to_have_text("Keyboard shortcuts")
