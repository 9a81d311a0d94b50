"""The selectors answer from aggregates in a constant number of queries: a year costs what
a week costs."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet.analytics import selectors
from intranet.analytics.aggregation import compute_day
from intranet.analytics.models import ActiveDay
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from intranet.people.models import Department

pytestmark = pytest.mark.django_db


def count(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


@pytest.fixture
def history(make_person):
    sales = Department.objects.create(name="Sales")
    people = [make_person(f"p{n}", department=sales) for n in range(6)]
    group = group_create(actor=people[0], name="Runners")
    for person in people[1:]:
        group_join(actor=person, group=group)
    post_create(actor=people[1], body="A #topic", group=group)
    today = timezone.localdate()
    for back in (0, 3, 100, 300):
        for person in people:
            ActiveDay.objects.get_or_create(user=person, date=today - timedelta(days=back))
        compute_day(today - timedelta(days=back))
    return people[0], group


def test_every_selector_costs_the_same_for_a_week_and_a_year(history):
    owner, group = history
    until = timezone.localdate()
    calls = {
        "overview": lambda since: selectors.overview(since=since, until=until),
        "group overview": lambda since: selectors.overview(since=since, until=until,
                                                           group=group),
        "by_day": lambda since: selectors.by_day(since=since, until=until),
        "by_department": lambda since: selectors.by_department(since=since, until=until),
        "by_location": lambda since: selectors.by_location(since=since, until=until),
        "top_topics": lambda since: selectors.top_topics(user=owner, since=since, until=until),
        "group_trends": lambda since: selectors.group_trends(user=owner, since=since,
                                                             until=until),
        "announcement_reach": lambda since: selectors.announcement_reach(since=since,
                                                                         until=until),
        "highlight_reach": lambda since: selectors.highlight_reach(since=since, until=until),
        "response_times": lambda since: selectors.response_times(since=since, until=until),
    }
    for name, call in calls.items():
        call(until)  # caches of the reader's audience keys are warm from here on
        week = count(lambda call=call: call(until - timedelta(days=6)))
        year = count(lambda call=call: call(until - timedelta(days=365)))
        assert week == year, name
        if name not in ("top_topics", "group_trends"):  # these ask the read policy too
            assert year <= 3, name
    assert count(selectors.headline_week) == 1


def test_the_overview_api_costs_the_same_for_a_week_and_a_year(history, hr, api_for):
    api = api_for(hr)
    until = timezone.localdate()

    def ask(days: int):
        return lambda: api.get("/api/v1/analytics/overview/", {
            "since": (until - timedelta(days=days)).isoformat(), "until": until.isoformat()})

    ask(6)()  # the token and permission caches are warm from here on
    assert count(ask(6)) == count(ask(365))
