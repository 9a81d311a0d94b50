"""Two people in a group: one posts, the other sees it appear without reloading; someone
outside the group never does."""

import pytest
from playwright.sync_api import expect

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join, member_invite

PASSWORD = "a long passphrase 1"


def signed_in(browser, server, username):
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    return page


@pytest.mark.e2e
def test_a_post_appears_live_for_members_only(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    reader = make_person("mike", first_name="Mike", password=PASSWORD)
    make_person("nora", first_name="Nora", password=PASSWORD)
    group = group_create(actor=owner, name="Design system", visibility="private")
    member_invite(actor=owner, group=group, invitee=reader)
    group_join(actor=reader, group=group)

    mike = signed_in(browser, server, "mike")
    nora = signed_in(browser, server, "nora")
    mike.goto(f"{server}/groups/design-system/")
    for page in (mike, nora):
        expect(page.locator("html[data-live=on]")).to_have_count(1)

    olivia = signed_in(browser, server, "olivia")
    olivia.goto(f"{server}/groups/design-system/")
    olivia.get_by_label("What would you like to share?").fill(
        "New **button** styles are ready for review #design")
    olivia.get_by_role("button", name="Post", exact=True).click()
    expect(olivia.locator(".post").first).to_contain_text("New button styles")

    expect(mike.locator(".post").first).to_contain_text("New button styles are ready")
    expect(mike.locator(".post strong").first).to_have_text("button")
    mike.goto(f"{server}/")
    expect(mike.locator(".post").first).to_contain_text("New button styles are ready")
    nora.wait_for_timeout(1500)
    assert "New button styles" not in nora.content()
    nora.reload()
    assert "New button styles" not in nora.content()
    assert nora.goto(f"{server}/groups/design-system/").ok
    assert "New button styles" not in nora.content()


@pytest.mark.e2e
def test_new_posts_above_the_reader_are_counted_not_pushed_into_view(
        server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    reader = make_person("mike", first_name="Mike", password=PASSWORD)
    group = group_create(actor=owner, name="Design system")
    group_join(actor=reader, group=group)
    for number in range(12):
        post_create(actor=owner, group=group, body=f"Older update {number}. " + "Words. " * 60)
    page = signed_in(browser, server, "mike")
    page.goto(f"{server}/groups/design-system/")
    expect(page.locator("html")).to_have_attribute("data-live", "on")
    reading = page.locator("[data-feed] .post").filter(has_text="Older update 3.")
    reading.scroll_into_view_if_needed()
    before = reading.evaluate("post => post.getBoundingClientRect().top")

    post_create(actor=owner, group=group, body="Fresh from the roof garden")
    post_create(actor=owner, group=group, body="And the tomatoes are ripe")
    bar = page.get_by_role("button", name="2 new posts")
    expect(bar).to_be_visible()
    # What the reader was reading has not moved on the screen.
    assert abs(reading.evaluate("post => post.getBoundingClientRect().top") - before) < 5
    bar.click()
    newest = page.locator("[data-feed] .post").filter(has_text="And the tomatoes are ripe")
    expect(newest).to_be_focused()
    expect(newest).to_be_in_viewport()
    expect(page.locator(".new-posts")).to_have_count(0)
