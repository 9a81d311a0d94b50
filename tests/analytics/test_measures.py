"""Announcements' reach, response times, topics and group trends, computed by the daily
job and read back through the selectors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.analytics import selectors
from intranet.analytics.aggregation import compute_day
from intranet.analytics.models import View
from intranet.analytics.services import views_record
from intranet.announcements.models import AnnouncementPage, Importance, Receipt
from intranet.announcements.services.receipts import acknowledge
from intranet.feeds.models import Post
from intranet.feeds.services.comments import comment_create
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from intranet.people.models import Department
from tests.analytics.conftest import at
from tests.announcements.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_person):
    return [make_person(f"person{n}") for n in range(6)]


def test_announcement_reach_counts_seen_and_acknowledged(people, make_person):
    page = publish("Canteen closes", importance=Importance.ACK_REQUIRED)
    for person in people[:4]:
        views_record(user=person, items=[("announcement", page.pk)])
    for person in people[:2]:
        acknowledge(user=person, page=page)
    # Announced at 9 and acknowledged 10 and 30 minutes later, all on the same day
    # whatever the time the test runs.
    day = timezone.localdate()
    AnnouncementPage.objects.filter(pk=page.pk).update(announced_at=at(day, 9))
    Receipt.objects.filter(user=people[0]).update(acknowledged_at=at(day, 9, 10))
    Receipt.objects.filter(user=people[1]).update(acknowledged_at=at(day, 9, 30))
    small = Department.objects.create(name="Legal")
    legal = [make_person(f"legal{n}", department=small) for n in range(3)]
    targeted = publish("For Legal only", departments=[small])
    views_record(user=legal[0], items=[("announcement", targeted.pk)])
    compute_day(day)
    [reach] = selectors.announcement_reach(since=day, until=day)
    assert (reach["announcement"], reach["seen"], reach["acknowledged"]) == (page.pk, 4, 2)
    assert reach["median_seconds_to_acknowledge"] == 20 * 60
    assert reach["audience"] >= 6


def test_response_times_of_questions_and_of_official_accounts(people, make_person):
    acme = make_person("acme", is_official=True)
    asker, helper, other = people[:3]
    club = group_create(actor=asker, name="Help desk")
    for person in (helper, other, acme):
        group_join(actor=person, group=club)
    day = timezone.localdate() - timedelta(days=1)

    def when(row, hour, minute=0):
        field = "published_at" if isinstance(row, Post) else "created_at"
        type(row).objects.filter(pk=row.pk).update(**{field: at(day, hour, minute)})

    question = post_create(actor=asker, body="How do I book a desk?", group=club,
                           is_question=True)
    when(question, 9)
    when(comment_create(actor=asker, post=question, body="Anyone?"), 9, 30)  # their own
    when(comment_create(actor=helper, post=question, body="With the app"), 10)
    when(comment_create(actor=other, post=question, body="Same"), 10, 30)
    mention = post_create(actor=other, body="@acme when is the launch?", group=club)
    when(mention, 11)
    when(comment_create(actor=helper, post=mention, body="Soon, I think"), 11, 10)
    when(comment_create(actor=acme, post=mention, body="Monday!"), 11, 30)
    compute_day(day)
    times = selectors.response_times(since=day, until=day)
    assert times["questions"]["answered"] == 1
    assert times["questions"]["median_seconds"] == 3600
    assert times["official_mentions"]["answered"] == 1
    assert times["official_mentions"]["mean_seconds"] == 1800
    assert times["questions"]["by_day"] == [
        {"date": day.isoformat(), "answered": 1, "median_seconds": 3600}]


def test_topics_and_growing_and_dormant_groups(people):
    owner = people[0]
    busy = group_create(actor=owner, name="Busy")
    quiet = group_create(actor=owner, name="Quiet")
    for person in people[1:]:
        group_join(actor=person, group=busy)
        group_join(actor=person, group=quiet)
    for n in range(3):
        post_create(actor=people[n], body=f"Training {n} #running", group=busy)
    post_create(actor=people[3], body="Shoes #gear", group=busy)
    day = timezone.localdate()
    compute_day(day)
    topics = selectors.top_topics(user=owner, since=day, until=day)
    assert [(topic["slug"], topic["posts"]) for topic in topics] == [("running", 3),
                                                                       ("gear", 1)]
    trends = selectors.group_trends(user=owner, since=day, until=day)
    assert [entry["group"] for entry in trends["growing"]] == [busy.slug, quiet.slug]
    assert trends["growing"][0]["posts"] == 4
    assert [entry["group"] for entry in trends["dormant"]] == [quiet.slug]
    assert not View.objects.exists()
