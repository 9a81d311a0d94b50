"""The analytics dashboard in the Wagtail admin: who reaches it, what it shows, its
charts and CSV files, bad periods, and the minimum audience."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet.analytics.aggregation import compute_day
from intranet.analytics.dashboard import CHARTS, GROUP_CHARTS
from intranet.analytics.models import ActiveDay
from intranet.feeds.services.comments import comment_create
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from tests.analytics.conftest import give_role

pytestmark = pytest.mark.django_db
URL = "/admin/analytics/"


@pytest.fixture
def company(make_person, department):
    """Six people in Sales, three in Legal, a group of six, a secret group, some talk."""
    sales = department("Sales")
    legal = department("Legal")
    sellers = [make_person(f"seller{n}", department=sales) for n in range(6)]
    lawyers = [make_person(f"lawyer{n}", department=legal) for n in range(3)]
    club = group_create(actor=sellers[0], name="Running club")
    for person in sellers[1:]:
        group_join(actor=person, group=club)
    secret = group_create(actor=lawyers[0], name="Merger talks", visibility="secret")
    today = timezone.localdate()
    post = post_create(actor=sellers[1], body="Who runs on Friday? #running", group=club)
    comment_create(actor=sellers[2], post=post, body="Me!")
    post_create(actor=lawyers[0], body="Contract templates are updated", group=secret)
    for person in [*sellers, *lawyers]:
        ActiveDay.objects.create(user=person, date=today)
    compute_day(today)
    return sellers, lawyers, club, secret


@pytest.fixture
def analyst(make_person, department):
    person = make_person("hanna", department=department("Human Resources"))
    give_role(person, "HR")
    return person


def rows_of(answer) -> list[list[str]]:
    return list(csv.reader(io.StringIO(answer.content.decode())))


def test_hr_sees_figures_and_every_chart(company, analyst, client_for):
    answer = client_for(analyst).get(URL)
    assert answer.status_code == 200
    page = answer.content.decode()
    for name in CHARTS:
        assert f'id="chart-{name}"' in page
        assert f"/admin/analytics/charts/{name}.csv?" in page
    drawn = {chart["name"] for chart in answer.context["charts"] if chart["table"].has_values}
    assert {"activity", "contributions", "departments", "topics"} <= drawn
    for name in drawn:
        assert f"/admin/analytics/charts/{name}.svg?" in page
    assert page.count("<p>No figures for this period</p>") == len(CHARTS) - len(drawn)
    assert answer.context["totals"]["posts"] == 2
    assert answer.context["totals"]["comments"] == 1


def test_a_chart_is_an_svg_image_that_runs_no_script(company, analyst, client_for):
    answer = client_for(analyst).get(f"{URL}charts/contributions.svg")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("image/svg+xml")
    body = answer.content.decode()
    assert body.startswith("<svg") and "<script" not in body
    policy = answer["Content-Security-Policy"]
    assert "script-src 'none'" in policy and "style-src 'unsafe-inline'" in policy


def test_csv_has_the_figures_of_the_chart(company, analyst, client_for):
    today = timezone.localdate()
    answer = client_for(analyst).get(
        f"{URL}charts/contributions.csv?since={today}&until={today}")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == (
        f'attachment; filename="contributions-{today}-{today}.csv"')
    assert rows_of(answer) == [["Date", "Posts", "Comments", "Reactions"],
                               [today.isoformat(), "2", "1", "0"]]


def test_a_department_under_the_minimum_audience_shows_nowhere(company, analyst,
                                                               client_for):
    client = client_for(analyst)
    page = client.get(URL).content.decode()
    departments = rows_of(client.get(f"{URL}charts/departments.csv"))
    assert [row[0] for row in departments[1:]] == ["Sales"]
    assert "Legal" not in page
    assert "Legal" not in client.get(f"{URL}charts/departments.svg").content.decode()


def test_a_group_shows_its_own_charts(company, analyst, client_for):
    _sellers, _lawyers, club, _secret = company
    answer = client_for(analyst).get(URL, {"group": club.slug})
    assert [chart["name"] for chart in answer.context["charts"]] == list(GROUP_CHARTS)
    csv_rows = rows_of(client_for(analyst).get(
        f"{URL}charts/contributions.csv", {"group": club.slug}))
    assert csv_rows[-1][1:] == ["1", "1", "0"]
    assert client_for(analyst).get(f"{URL}charts/topics.svg",
                                   {"group": club.slug}).status_code == 404


def test_a_secret_group_is_refused_like_one_that_does_not_exist(company, analyst,
                                                                client_for):
    client = client_for(analyst)
    hidden = client.get(URL, {"group": company[3].slug})
    absent = client.get(URL, {"group": "no-such-group"})
    assert hidden.status_code == absent.status_code == 200
    assert hidden.context["form"].errors == absent.context["form"].errors != {}
    assert "Merger" not in hidden.content.decode()
    assert client.get(f"{URL}charts/activity.csv",
                      {"group": company[3].slug}).status_code == 400


@pytest.mark.parametrize("query", [{"since": "2026-02-30"}, {"since": "2026-03-01",
                                                              "until": "2026-02-01"},
                                   {"since": "2020-01-01", "until": "2026-01-01"},
                                   {"until": "²"}])
def test_bad_periods_are_explained_not_failed(company, analyst, client_for, query):
    client = client_for(analyst)
    page = client.get(URL, query)
    assert page.status_code == 200
    assert page.context["form"].errors
    assert client.get(f"{URL}charts/activity.svg", query).status_code == 400
    assert client.get(f"{URL}charts/activity.csv", query).status_code == 400


def test_an_unknown_chart_is_not_found(analyst, client_for):
    assert client_for(analyst).get(f"{URL}charts/salaries.svg").status_code == 404


def test_people_without_an_analytics_role_are_refused(company, client_for):
    seller = company[0][1]
    seller.is_staff = True
    seller.save()
    client = client_for(seller)
    for path in (URL, f"{URL}charts/activity.svg", f"{URL}charts/activity.csv"):
        assert client.get(path).status_code in (302, 403)
    assert "/admin/analytics/" not in client.get("/admin/").content.decode()


def test_the_admin_home_shows_the_week(company, analyst, client_for):
    page = client_for(analyst).get("/admin/").content.decode()
    assert "This week on the intranet" in page
    assert 'href="/admin/analytics/"' in page


def test_the_dashboard_costs_the_same_for_a_week_and_a_year(company, analyst, client_for):
    client = client_for(analyst)
    today = timezone.localdate()
    client.get(URL)
    counts = []
    for days in (7, 365):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"since": today - timedelta(days=days - 1),
                                    "until": today}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
