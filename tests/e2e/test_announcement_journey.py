"""HR publishes an announcement that must be acknowledged; an employee sees it arrive,
acknowledges it; HR's report counts one more acknowledgement."""

import re

import pytest
from playwright.sync_api import expect

from intranet.core.site import site_home
from intranet.people.models import Department
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in
from tests.feeds.conftest import give_role


@pytest.mark.e2e
def test_hr_publishes_an_employee_acknowledges_the_report_counts_it(server, browser,
                                                                    make_person):
    sales = Department.objects.create(name="Sales")
    helen = make_person("helen", first_name="Helen", password=PASSWORD)
    give_role(helen, "HR")
    from intranet.announcements.permissions import grant_hr_page_permissions

    grant_hr_page_permissions()
    make_person("rita", first_name="Rita", password=PASSWORD, department=sales)
    home = site_home()

    rita = signed_in(browser, server, "rita")
    expect(rita.locator("html[data-live=on]")).to_have_count(1)

    hr = signed_in(browser, server, "helen")
    hr.goto(f"{server}/admin/pages/add/intranet_announcements/announcementpage/{home.pk}/")
    hr.locator("#id_title").fill("Charte informatique 2027")
    hr.locator("#id_summary").fill("Merci de lire la nouvelle charte.")
    hr.get_by_role("tab", name="Audience and delivery").click()
    hr.get_by_label("Acknowledgement required").check()
    hr.locator("[data-w-dropdown-target=toggle]").last.click()
    hr.get_by_role("button", name="Publish").click()
    expect(hr.locator(".messages")).to_contain_text("published")

    announcements = rita.locator("[data-announcements]")
    expect(announcements).to_contain_text("Charte informatique 2027")
    rita.reload()
    expect(rita.locator("[data-announcements] .pinned")).to_contain_text(
        "Charte informatique 2027")
    rita.locator("[data-announcements] summary").filter(
        has_text="Charte informatique 2027").click()
    rita.get_by_role("link", name="Read the announcement").click()
    rita.get_by_role("button", name="I have read this").click()
    expect(rita.locator(".acknowledged")).to_be_visible()

    hr.goto(f"{server}/admin/announcements/reach/")
    hr.get_by_role("link", name="Charte informatique 2027").click()
    expect(hr.locator("[data-stats]")).to_have_text(re.compile(r"acknowledged: 1\b"))
