"""HR writes an acknowledgement-required announcement to one department in the "New
announcement" form, watching how many people it reaches; an employee of that department
acknowledges it from the home page; the reach report and the analytics dashboard count
it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intranet.analytics.aggregation import compute_day
from intranet.people.models import Department
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in
from tests.feeds.conftest import give_role


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.e2e
def test_hr_writes_to_a_department_and_an_employee_acknowledges_from_home(server, browser,
                                                                          make_person):
    from intranet.announcements.permissions import grant_hr_page_permissions

    sales = Department.objects.create(name="Sales")
    Department.objects.create(name="Support")
    helen = make_person("helen", first_name="Helen", password=PASSWORD)
    give_role(helen, "HR")
    grant_hr_page_permissions()
    make_person("rita", first_name="Rita", password=PASSWORD, department=sales)
    for n in range(4):  # a department large enough for analytics to show its figures
        make_person(f"seller{n}", department=sales)
    make_person("otto", first_name="Otto", password=PASSWORD)

    rita = signed_in(browser, server, "rita")
    rita_errors = watch_errors(rita)
    expect(rita.locator("html[data-live=on]")).to_have_count(1)

    hr = signed_in(browser, server, "helen")
    hr_errors = watch_errors(hr)
    hr.goto(f"{server}/admin/announcements/reach/")
    hr.get_by_role("link", name="New announcement").first.click()
    expect(hr.get_by_role("heading", level=1)).to_have_text("New announcement")

    count = hr.locator("[data-audience-count]")
    expect(count).to_have_text(re.compile(r"every employee, 7 people"))
    hr.get_by_label("Title").fill("Charte informatique 2027")
    hr.get_by_label("Summary").fill("Merci de lire la nouvelle charte.")
    hr.locator(".DraftEditor-root [contenteditable=true]").click()
    hr.keyboard.type("La charte s'applique au 1er janvier.")
    expect(hr.locator("[data-ack-due]")).to_be_hidden()
    hr.get_by_label("Acknowledgement required").check()
    expect(hr.locator("[data-ack-due]")).to_be_visible()
    hr.get_by_label("Acknowledge by").fill("2099-12-12 17:30")
    hr.keyboard.press("Escape")

    hr.get_by_label("Search departments").fill("sal")
    expect(hr.get_by_label("Support")).to_be_hidden()
    hr.get_by_label("Sales").check()
    expect(count).to_have_text("It will reach 5 people.")
    hr.get_by_role("button", name="Publish").click()
    expect(hr.locator(".messages")).to_contain_text("is published")
    expect(hr.locator("[data-stats]")).to_have_text(re.compile(r"Audience: 5\b"))

    announcements = rita.locator("[data-announcements]")
    arrived = announcements.locator("[data-announcement]").filter(
        has_text="Charte informatique 2027")  # live, without reloading
    expect(arrived.locator("[data-due]")).to_have_text(
        "Please acknowledge by 12 December 2099, 17:30", timeout=15000)
    rita.reload()
    entry = announcements.locator("[data-seen-kind=announcement]").filter(
        has_text="Charte informatique 2027")
    expect(entry.locator("[data-action-required]")).to_have_text("Action required")
    expect(entry.locator("[data-due]")).to_have_text(
        "Please acknowledge by 12 December 2099, 17:30")
    rita.evaluate("window.stillHere = true")
    entry.get_by_role("button", name="I have read this").click()
    expect(entry.locator("[data-acknowledged]")).to_have_text("Acknowledged")
    expect(entry.get_by_role("button", name="I have read this")).to_have_count(0)
    assert rita.evaluate("window.stillHere") is True  # acknowledged in place

    hr.reload()
    expect(hr.locator("[data-stats]")).to_have_text(re.compile(r"acknowledged: 1\b"))
    expect(hr.locator("[data-acknowledged-percent]")).to_have_text("20 %")
    expect(hr.locator("[data-due]")).to_contain_text("2099")

    compute_day(timezone.localdate())  # what the periodic job does every 15 minutes
    hr.goto(f"{server}/admin/analytics/")
    reach = hr.locator("#chart-announcements")
    reach.locator("summary").click()
    row = reach.locator("tbody tr").filter(has_text="Charte informatique 2027")
    expect(row.locator("td").nth(2)).to_have_text("1")  # acknowledged
    expect(row.locator("td").nth(3)).to_have_text("5")  # audience
    expect(reach.locator("img")).to_be_visible()
    assert not rita_errors and not hr_errors, rita_errors + hr_errors
