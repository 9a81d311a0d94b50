"""HR reads the analytics dashboard in Chromium, in English and in French: every chart
is drawn, its figures are in a table and a CSV file, and a screenshot of each language
is kept (TEST_ARTEFACTS, default var/artefacts/screenshots)."""

import random
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.utils import timezone
from playwright.sync_api import expect

from intranet.analytics.aggregation import compute_day
from intranet.analytics.dashboard import CHARTS
from intranet.analytics.models import ActiveDay
from intranet.feeds.services.comments import comment_create, reaction_set
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from intranet.people.models import Department
from tests.e2e.test_every_page import artefacts, axe_script, violations

PASSWORD = "a long passphrase 1"
DAYS = 14
HEADINGS = {"en": ("Analytics", "Active people", "Download “Active people” as CSV"),
            "fr": ("Statistiques", "Personnes actives",
                   "Télécharger « Personnes actives » en CSV")}


def a_fortnight_of_activity(make_person) -> None:
    """Two departments of six people talking in a group over two weeks, then the
    periodic job's aggregates for each day."""
    chance = random.Random(18)
    people = []
    for name in ("Sales", "Support"):
        department = Department.objects.create(name=name)
        people += [make_person(f"{name.lower()}{n}", department=department,
                               password=PASSWORD) for n in range(6)]
    club = group_create(actor=people[0], name="Running club")
    for person in people[1:]:
        group_join(actor=person, group=club)
    today = timezone.localdate()
    for back in range(DAYS - 1, -1, -1):
        day = today - timedelta(days=back)
        for person in chance.sample(people, chance.randint(3, len(people))):
            ActiveDay.objects.get_or_create(user=person, date=day)
        if back == 0:
            for _ in range(4):
                post = post_create(actor=chance.choice(people), body="Who runs? #running",
                                   group=club)
                comment_create(actor=chance.choice(people), post=post, body="Me")
                reaction_set(actor=chance.choice(people), post=post, kind="like", on=True)
    for back in range(DAYS):
        compute_day(today - timedelta(days=back))


@pytest.mark.e2e
def test_charts_render_in_english_and_french(server, browser, make_person):
    a_fortnight_of_activity(make_person)
    analyst = make_person("hanna", password=PASSWORD)
    analyst.groups.add(AuthGroup.objects.get(name="HR"))
    folder = artefacts()
    for language, (title, chart, download) in HEADINGS.items():
        context = browser.new_context(locale=language, extra_http_headers={
            "Accept-Language": language}, viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(f"{server}/admin/login/")
        page.locator("#id_username").fill("hanna")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(f"{server}/admin/")
        page.goto(f"{server}/admin/analytics/")
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        first = timezone.localdate() - timedelta(days=DAYS - 1)
        page.locator("#id_since").fill(first.isoformat())
        page.locator(".analytics-filters button[type=submit]").click()
        page.wait_for_url(f"**/admin/analytics/?since={first}*")
        expect(page.locator(".analytics-chart")).to_have_count(len(CHARTS))
        for name in ("activity", "contributions", "departments", "topics"):
            expect(page.locator(f"#chart-{name} img")).to_be_visible()
        page.wait_for_function("""() => Array.from(document.querySelectorAll(
            '.analytics-chart img')).every((image) => image.complete && image.naturalWidth > 0)""")
        expect(page.get_by_role("link", name=download)).to_be_visible()
        with page.expect_download() as waiting:
            page.get_by_role("link", name=download).click()
        lines = Path(waiting.value.path()).read_text(encoding="utf-8").splitlines()
        assert len(lines) == DAYS + 1
        assert violations(page, axe_script()) == []
        page.locator("#chart-activity summary").click()
        expect(page.locator("#chart-activity table")).to_contain_text(chart)
        # The admin scrolls inside its main column: show all of it for the picture.
        height = page.evaluate("document.querySelector('main').scrollHeight")
        page.set_viewport_size({"width": 1366, "height": height + 100})
        page.screenshot(path=folder / f"{language}-1366-analytics-dashboard.png",
                        full_page=True)
        context.close()
