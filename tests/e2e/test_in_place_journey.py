"""The feed's buttons work in place: reacting ten posts down the feed, commenting,
replying and deleting change what they are about, and the page neither reloads nor moves."""

import pytest
from playwright.sync_api import expect

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in

LONG = ("The new component library is ready for review; every form control has been "
        "redrawn, with focus styles, error states and right-to-left layouts. ") * 3


@pytest.mark.e2e
def test_reacting_far_down_the_feed_keeps_the_place(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    group = group_create(actor=owner, name="Design system")
    for number in range(15):
        post_create(actor=owner, group=group, body=f"Update {number}. {LONG}")
    page = signed_in(browser, server, "olivia")
    page.goto(f"{server}/groups/design-system/")
    tenth = page.locator("[data-feed] .post").nth(10)
    tenth.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    assert before > 1000
    page.evaluate("window.notReloaded = true")

    like = tenth.locator("button.reaction[data-kind=like]")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like.locator(".count")).to_have_text("1")
    assert page.evaluate("window.notReloaded") is True
    assert abs(page.evaluate("window.scrollY") - before) <= 2
    assert page.evaluate("document.activeElement.dataset.kind") == "like"
    like.click()
    expect(like).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.notReloaded") is True


@pytest.mark.e2e
def test_commenting_replying_and_deleting_in_place(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    group = group_create(actor=owner, name="Design system")
    post = post_create(actor=owner, group=group, body="Which icon set should we use?")
    page = signed_in(browser, server, "olivia")
    page.goto(f"{server}/feed/posts/{post.pk}/")
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Your comment").fill("Material symbols, they are open.")
    page.get_by_role("button", name="Comment", exact=True).click()
    comment = page.locator(".comment").filter(has_text="Material symbols")
    expect(comment).to_have_count(1)
    expect(comment.locator("header .meta")).not_to_be_empty()
    expect(page.locator(".post .comment-count")).to_have_text("1 comment")
    expect(page.get_by_label("Your comment")).to_have_value("")

    comment.locator("summary", has_text="Reply").click()
    comment.get_by_label("Your reply").fill("Agreed.")
    comment.get_by_role("button", name="Reply").click()
    reply = page.locator(".replies .comment.reply").filter(has_text="Agreed.")
    expect(reply).to_have_count(1)
    expect(page.locator(".post .comment-count")).to_have_text("2 comments")

    page.once("dialog", lambda dialog: dialog.accept())
    reply.get_by_role("button", name="Delete").click()
    expect(reply).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator(".post summary[aria-label='More actions']").click()
    page.locator(".post").get_by_role("button", name="Delete").click()
    expect(page.locator(".post")).to_have_count(1)


@pytest.mark.e2e
def test_editing_a_post_and_a_comment_in_place(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    group = group_create(actor=owner, name="Design system")
    for number in range(12):
        post_create(actor=owner, group=group, body=f"Update {number}. {LONG}")
    page = signed_in(browser, server, "olivia")
    page.goto(f"{server}/groups/design-system/")
    card = page.locator("[data-feed] .post").nth(8)
    card.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    page.evaluate("window.notReloaded = true")

    card.locator("summary[aria-label='More actions']").click()
    card.get_by_role("link", name="Edit").click()
    field = card.get_by_label("New text of your post")
    expect(field).to_be_focused()
    field.fill("Update three, with a fixed typo.")
    card.get_by_role("button", name="Save").click()
    edited = page.locator("[data-feed] .post").filter(has_text="Update three, with a fixed typo.")
    expect(edited).to_have_count(1)
    expect(edited.locator(".post-head")).to_contain_text("(edited)")
    expect(edited.locator("textarea")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True
    assert abs(page.evaluate("window.scrollY") - before) <= 40

    edited.locator("summary[aria-label='More actions']").click()
    edited.get_by_role("link", name="Edit").click()
    edited.get_by_label("New text of your post").fill("Never saved")
    edited.get_by_role("link", name="Cancel").click()
    expect(edited.locator(".post-body")).to_be_visible()
    expect(edited.locator(".post-body")).to_contain_text("fixed typo")

    page.goto(f"{server}/feed/posts/{edited.get_attribute('data-post')}/")
    page.get_by_label("Your comment").fill("Looks good to mee")
    page.get_by_role("button", name="Comment", exact=True).click()
    comment = page.locator(".comment").filter(has_text="Looks good")
    comment.get_by_role("link", name="Edit").click()
    comment.get_by_label("New text of your comment").fill("Looks good to me")
    comment.get_by_role("button", name="Save").click()
    expect(page.locator(".comment .comment-body")).to_have_text("Looks good to me")
    expect(page.locator(".comment header")).to_contain_text("(edited)")


@pytest.mark.e2e
def test_following_a_thread_in_place(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    make_person("mike", first_name="Mike", password=PASSWORD)
    group = group_create(actor=owner, name="Design system")
    post = post_create(actor=owner, group=group, body="Which icon set should we use?")
    page = signed_in(browser, server, "mike")
    page.goto(f"{server}/feed/posts/{post.pk}/")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Follow this thread").click()
    stop = page.get_by_role("button", name="Stop following this thread")
    expect(stop).to_be_focused()
    stop.click()
    expect(page.get_by_role("button", name="Follow this thread")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
