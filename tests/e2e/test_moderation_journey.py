"""A moderator hides a reported post from the queue: a third person's open page loses it
at once; its author's page keeps it, marked, and they are told why and appeal."""

import pytest
from playwright.sync_api import expect

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from intranet.moderation.services.reports import report_create
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in


@pytest.mark.e2e
def test_a_hidden_post_leaves_open_pages_and_its_author_is_told_why(
        server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    author = make_person("mike", first_name="Mike", password=PASSWORD)
    reader = make_person("nora", first_name="Nora", password=PASSWORD)
    group = group_create(actor=owner, name="Bike to work")
    for person in (author, reader):
        group_join(actor=person, group=group)
    post = post_create(actor=author, group=group, body="Cheap concert tickets, DM me")
    report_create(actor=reader, kind="post", key=str(post.pk), reason="spam",
                  note="Selling again")

    nora = signed_in(browser, server, "nora")
    mike = signed_in(browser, server, "mike")
    for page in (nora, mike):
        page.goto(f"{server}/groups/bike-to-work/")
        expect(page.locator("html")).to_have_attribute("data-live", "on")
        expect(page.locator(".post").filter(has_text="Cheap concert tickets")).to_have_count(1)

    olivia = signed_in(browser, server, "olivia")
    olivia.goto(f"{server}/moderation/")
    case = olivia.locator(".moderation-case").filter(has_text="Cheap concert tickets")
    expect(case).to_contain_text("Selling again")
    assert "nora" not in case.inner_text().lower()
    case.get_by_label("Reason (the author is told)").fill("No selling in groups")
    case.get_by_role("button", name="Hide").click()
    expect(olivia.get_by_role("status")).to_contain_text("Done")

    expect(nora.locator(".post").filter(has_text="Cheap concert tickets")).to_have_count(0)
    marked = mike.locator(".post").filter(has_text="Cheap concert tickets")
    expect(marked).to_contain_text("Hidden by the moderators: No selling in groups")

    mike.goto(f"{server}/feed/notifications/")
    told = mike.get_by_role("link", name="The moderators hid what you wrote: "
                                          "No selling in groups")
    told.click()
    expect(mike.get_by_role("heading", level=1)).to_have_text("A moderation decision")
    mike.get_by_label("Why should another moderator look again? (once)").fill(
        "They were free tickets")
    mike.get_by_role("button", name="Appeal").click()
    expect(mike.get_by_role("status")).to_contain_text("another moderator")
    assert not mike.get_by_role("button", name="Appeal").count()
