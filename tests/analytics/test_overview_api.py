"""`GET /api/v1/analytics/overview/`: who may read it, what it refuses, and the minimum
audience for a group."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.analytics.aggregation import compute_day
from intranet.analytics.models import ActiveDay
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from tests.analytics.conftest import give_role

pytestmark = pytest.mark.django_db
URL = "/api/v1/analytics/overview/"


@pytest.fixture
def company(make_person):
    owner = make_person("olga")
    members = [make_person(f"member{n}") for n in range(5)]
    club = group_create(actor=owner, name="Book club")
    tiny = group_create(actor=owner, name="Tiny")
    secret = group_create(actor=members[0], name="Board", visibility="secret")
    for person in members:
        group_join(actor=person, group=club)
    group_join(actor=members[0], group=tiny)
    post_create(actor=members[1], body="Hello", group=club)
    day = timezone.localdate()
    for person in [owner, *members]:
        ActiveDay.objects.create(user=person, date=day)
    compute_day(day)
    return owner, members, club, tiny, secret


@pytest.mark.parametrize("role", ["HR", "Communications", "Community managers"])
def test_the_roles_read_the_overview(company, make_person, api_for, role):
    reader = make_person("reader")
    give_role(reader, role)
    answer = api_for(reader).get(URL)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"active_people", "posts", "comments", "reactions",
                         "engagement_rate", "by_department", "by_day"}
    assert len(body["by_day"]) == 30
    assert body["by_day"][-1]["date"] == timezone.localdate().isoformat()
    assert body["by_day"][-1]["posts"] == 1


def test_an_employee_is_refused(company, api_for):
    _owner, members, *_ = company
    answer = api_for(members[1]).get(URL)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "permission_denied"


def test_a_group_owner_reads_their_group_only(company, api_for):
    owner, members, club, _tiny, secret = company
    api = api_for(owner)
    answer = api.get(URL, {"group": club.slug})
    assert answer.status_code == 200
    assert answer.json()["posts"] == 1
    assert answer.json()["by_department"] == []
    assert api.get(URL).status_code == 403
    assert api_for(members[1]).get(URL, {"group": club.slug}).status_code == 403
    hidden = api.get(URL, {"group": secret.slug})
    absent = api.get(URL, {"group": "no-such-group"})
    assert hidden.status_code == absent.status_code == 404
    assert hidden.json() == absent.json()


def test_a_group_under_the_minimum_audience_has_no_figures(company, api_for):
    owner, _members, _club, tiny, _secret = company
    body = api_for(owner).get(URL, {"group": tiny.slug}).json()
    assert body["posts"] is None and body["active_people"] is None
    assert body["by_day"] == []


@pytest.mark.parametrize("params, field", [
    ({"since": "yesterday"}, "since"),
    ({"until": "2026-02-30"}, "until"),
    ({"since": "2026-03-02", "until": "2026-03-01"}, "until"),
    ({"since": "2025-01-01", "until": "2026-03-01"}, "since"),
])
def test_bad_ranges_are_400_with_fields(company, hr, api_for, params, field):
    answer = api_for(hr).get(URL, params)
    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]


def test_a_year_is_accepted(company, hr, api_for):
    until = timezone.localdate()
    answer = api_for(hr).get(URL, {"since": (until - timedelta(days=365)).isoformat(),
                                   "until": until.isoformat()})
    assert answer.status_code == 200
    assert len(answer.json()["by_day"]) == 366
