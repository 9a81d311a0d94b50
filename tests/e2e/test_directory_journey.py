"""An employee signs in, opens the directory, finds a colleague and reads their profile."""

import re

import pytest
from playwright.sync_api import expect

from intranet.people.models import Department


@pytest.mark.e2e
def test_sign_in_find_a_colleague_and_open_their_profile(server, page, make_person):
    finance = Department.objects.create(name="Finance")
    make_person("ana", first_name="Ana", last_name="Lima", password="a long passphrase 1")
    make_person("helene", first_name="Hélène", last_name="Lefèvre", department=finance,
                job_title="Financial Controller", skills=["IFRS"],
                privacy={"phone": "private"}, phone="+33 1 00 00 00 00")
    make_person("henri", first_name="Henri", last_name="Dupont")

    page.goto(f"{server}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a long passphrase 1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Hello, Ana Lima")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.get_by_role("searchbox", name="Name").fill("helene")
    page.get_by_role("button", name="Search").click()
    results = page.locator(".person-card")
    expect(results).to_have_count(1)
    results.get_by_role("link", name="Hélène Lefèvre").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Hélène Lefèvre")
    expect(page.get_by_text("Financial Controller")).to_be_visible()
    expect(page.get_by_role("link", name="IFRS")).to_be_visible()
    assert "+33 1 00 00 00 00" not in page.content()
