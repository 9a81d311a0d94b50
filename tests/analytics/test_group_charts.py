"""A group's owners see its own charts on its settings page; nobody else does, and a
group under the minimum audience shows no figure."""

import csv
import io

import pytest
from django.utils import timezone

from intranet.analytics.aggregation import compute_day
from intranet.analytics.dashboard import GROUP_CHARTS
from intranet.analytics.models import ActiveDay
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join, member_set_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(make_person):
    owner = make_person("olga")
    members = [make_person(f"runner{n}") for n in range(5)]
    group = group_create(actor=owner, name="Running club")
    for person in members:
        group_join(actor=person, group=group)
    post_create(actor=members[0], body="Saturday, 9 am", group=group)
    for person in [owner, *members]:
        ActiveDay.objects.create(user=person, date=timezone.localdate())
    compute_day(timezone.localdate())
    return owner, members, group


def test_the_owner_sees_the_groups_charts_on_its_settings_page(club, client_for):
    owner, _members, group = club
    page = client_for(owner).get(f"/groups/{group.slug}/settings/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Activity of the group" in body
    for name in GROUP_CHARTS:
        assert f"/analytics/groups/{group.slug}/charts/{name}.csv?" in body
    answer = client_for(owner).get(f"/analytics/groups/{group.slug}/charts/contributions.csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[-1] == [timezone.localdate().isoformat(), "1", "0", "0"]
    chart = client_for(owner).get(f"/analytics/groups/{group.slug}/charts/activity.svg")
    assert chart.status_code == 200 and chart["Content-Type"].startswith("image/svg+xml")


def test_a_moderator_or_member_sees_no_charts(club, client_for):
    owner, members, group = club
    member_set_role(actor=owner, group=group, user=members[1], role="moderator")
    for person in members[:2]:
        client = client_for(person)
        assert "Activity of the group" not in client.get(
            f"/groups/{group.slug}/settings/").content.decode()
        assert client.get(
            f"/analytics/groups/{group.slug}/charts/activity.csv").status_code == 403


def test_company_charts_are_not_served_per_group(club, client_for):
    owner, _members, group = club
    assert client_for(owner).get(
        f"/analytics/groups/{group.slug}/charts/departments.csv").status_code == 404


def test_a_secret_group_is_not_found_like_an_absent_one(make_person, client_for):
    insider = make_person("ines")
    secret = group_create(actor=insider, name="Merger", visibility="secret")
    outsider = client_for(make_person("otto"))
    hidden = outsider.get(f"/analytics/groups/{secret.slug}/charts/activity.csv")
    absent = outsider.get("/analytics/groups/no-such-group/charts/activity.csv")
    assert hidden.status_code == absent.status_code == 404


def test_a_small_group_shows_no_figure(make_person, client_for):
    owner = make_person("olga")
    group = group_create(actor=owner, name="Tiny")
    group_join(actor=make_person("tom"), group=group)
    post_create(actor=owner, body="Hello", group=group)
    compute_day(timezone.localdate())
    client = client_for(owner)
    body = client.get(f"/groups/{group.slug}/settings/").content.decode()
    assert "at least 5 members" in body
    assert "<p>No figures for this period</p>" in body
    rows = list(csv.reader(io.StringIO(client.get(
        f"/analytics/groups/{group.slug}/charts/contributions.csv").content.decode())))
    assert rows == [["Date", "Posts", "Comments", "Reactions"]]
