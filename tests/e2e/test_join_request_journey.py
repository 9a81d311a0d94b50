"""A person asks to join a private group, its owner approves in the browser, and the
person then reads the group."""

import pytest
from playwright.sync_api import expect

from intranet.groups.services import group_create, group_join

PASSWORD = "a long passphrase 1"


def sign_in(page, server, username):
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


@pytest.mark.e2e
def test_request_approve_and_read_a_private_group(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    make_person("ana", first_name="Ana", last_name="Lima", password=PASSWORD)
    group_create(actor=owner, name="Women in Tech", visibility="private",
                 description="A safe space")

    ana = browser.new_context(locale="en-GB").new_page()
    sign_in(ana, server, "ana")
    ana.get_by_role("navigation", name="Main").get_by_role("link", name="Groups").click()
    ana.get_by_role("link", name="Women in Tech").click()
    expect(ana.get_by_text("Only members read this group")).to_be_visible()
    ana.get_by_text("Ask to join").click()
    ana.get_by_label("A word for the group's managers").fill("I would love to join")
    ana.get_by_role("button", name="Send my request").click()
    expect(ana.get_by_text("Your request has been sent")).to_be_visible()
    expect(ana.get_by_text("Your request to join is waiting for a decision")).to_be_visible()
    ana.evaluate("window.stillThisPage = true")

    olivia = browser.new_context(locale="en-GB").new_page()
    sign_in(olivia, server, "olivia")
    olivia.goto(f"{server}/groups/women-in-tech/")
    olivia.get_by_role("link", name="1 request").click()
    expect(olivia.get_by_text("I would love to join")).to_be_visible()
    olivia.get_by_role("button", name="Approve").click()
    expect(olivia.get_by_text("Ana Lima is now a member")).to_be_visible()

    # Ana's open page follows the decision by itself.
    expect(ana.get_by_text("You are a member")).to_be_visible()
    assert ana.evaluate("window.stillThisPage") is None
    members = ana.get_by_role("region", name="Members").get_by_role("link", name="Olivia")
    expect(members).to_be_visible()
    expect(ana.get_by_text("Only members read this group")).to_have_count(0)


@pytest.mark.e2e
def test_ten_requests_are_one_notification_that_opens_them(server, browser, make_person):
    owner = make_person("olivia", first_name="Olivia", password=PASSWORD)
    group = group_create(actor=owner, name="Women in Tech", visibility="private")
    for number in range(10):
        group_join(actor=make_person(f"asker{number}", first_name=f"Asker{number}"),
                   group=group, message=f"Hello from {number}")
    olivia = browser.new_context(locale="en-GB").new_page()
    sign_in(olivia, server, "olivia")
    olivia.get_by_role("button", name="Notifications").click()  # the bell's panel
    olivia.get_by_role("link", name="See all notifications").click()
    entries = olivia.locator("[data-notifications] li")
    expect(entries).to_have_count(1)
    expect(entries).to_contain_text("Asker9 and 9 others ask to join Women in Tech")
    entries.get_by_role("link").click()
    expect(olivia).to_have_url(f"{server}/groups/women-in-tech/requests/")
    expect(olivia.get_by_text("Hello from")).to_have_count(10)
