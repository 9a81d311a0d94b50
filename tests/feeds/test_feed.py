"""The feeds: what the home feed holds and leaves out, group, topic and person feeds,
ordering, pinned posts, cursor pagination and the cost of a page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet.feeds.models import Post
from intranet.feeds.services.comments import comment_create, reaction_set
from intranet.feeds.services.posts import post_pin
from intranet.feeds.services.social import block_person, follow_person
from tests.feeds.conftest import png

pytestmark = pytest.mark.django_db


def entries(api, path: str = "/api/v1/feed/", **params) -> list[dict]:
    response = api.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def bodies(api, path: str = "/api/v1/feed/", **params) -> list[str]:
    return [entry["post"]["body"] for entry in entries(api, path, **params)]


def all_pages(api, path: str = "/api/v1/feed/", **params) -> list[int]:
    ids, url, pages = [], path, 0
    response = api.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        data = response.json()
        ids += [entry["post"]["id"] for entry in data["results"]]
        pages += 1
        if not data["next"]:
            return ids
        assert pages < 50
        response = api.get(data["next"])


@pytest.fixture
def office(company, make_person, publish):
    """Posts everywhere around Mike, who belongs to the three groups of `company`."""
    bob = make_person("bob")  # someone Mike follows, in no group of Mike's
    from intranet.groups.services import group_create, group_join

    chess = group_create(actor=bob, name="Chess")  # open, Mike did not join
    hidden = group_create(actor=bob, name="Bob's secret", visibility="secret")
    group_join(actor=company.outsider, group=chess)
    posts = {
        "company": publish(company.hr, "Company news"),
        "open": publish(company.owner, "Book club news", group=company.open),
        "private": publish(company.owner, "Women in Tech news", group=company.private),
        "secret": publish(company.owner, "Atlas news", group=company.secret),
        "chess": publish(company.outsider, "Chess news", group=chess),
        "chess-bob": publish(bob, "Bob's chess news", group=chess),
        "chess-topic": publish(company.outsider, "Opening theory #Sicilian", group=chess),
        "bob-secret": publish(bob, "Bob's secret news", group=hidden),
    }
    return posts


@pytest.mark.smoke
def test_the_home_feed_holds_company_posts_and_my_groups(company, office, api_for):
    assert bodies(api_for(company.member)) == [
        "Atlas news", "Women in Tech news", "Book club news", "Company news"]


def test_an_open_group_i_did_not_join_stays_out_unless_i_follow(company, office, api_for,
                                                               make_person):
    api = api_for(company.member)
    assert "Chess news" not in bodies(api)
    assert api.post("/api/v1/people/bob/follow/").status_code == 200
    assert bodies(api)[0] == "Bob's chess news"
    assert "Bob's secret news" not in bodies(api)
    assert api.post("/api/v1/topics/sicilian/follow/").status_code == 200
    assert bodies(api)[:2] == ["Opening theory #Sicilian", "Bob's chess news"]
    assert "Chess news" not in bodies(api)
    assert api.delete("/api/v1/people/bob/follow/").status_code == 200
    assert api.delete("/api/v1/topics/sicilian/follow/").status_code == 200
    assert not {"Bob's chess news", "Opening theory #Sicilian"} & set(bodies(api))


def test_following_never_shows_what_i_may_not_read(company, make_person, publish, api_for,
                                                   client_for):
    ana = make_person("ana")
    publish(company.owner, "Private #plans", group=company.private)
    publish(company.owner, "Secret #plans", group=company.secret)
    api = api_for(ana)
    api.post("/api/v1/people/olivia/follow/")
    assert bodies(api) == []
    assert bodies(api, "/api/v1/people/olivia/posts/") == []
    # A topic used only where she may not read is, for her, a topic nobody used.
    for topic in ("plans", "never-used"):
        assert api.post(f"/api/v1/topics/{topic}/follow/").status_code == 404
        assert api.get(f"/api/v1/topics/{topic}/posts/").json() == api.get(
            "/api/v1/topics/never-used/posts/").json()
        assert client_for(ana).get(f"/feed/topics/{topic}/").status_code == 404
    assert bodies(api_for(company.member), "/api/v1/topics/plans/posts/") == [
        "Secret #plans", "Private #plans"]


def test_a_post_with_two_followed_topics_appears_once(company, publish, api_for):
    post = publish(company.owner, "#one and #two", group=company.open)
    api = api_for(company.outsider)
    api.post("/api/v1/topics/one/follow/")
    api.post("/api/v1/topics/two/follow/")
    assert all_pages(api) == [post.pk]


def test_blocked_people_leave_my_feeds(company, office, api_for, publish):
    publish(company.moderator, "#books are great", group=company.open)
    api = api_for(company.member)
    assert api.post("/api/v1/people/olivia/block/").status_code == 200
    assert bodies(api) == ["#books are great", "Company news"]
    assert bodies(api, "/api/v1/groups/book-club/posts/") == ["#books are great"]
    api.post("/api/v1/people/mona/block/")
    assert bodies(api, "/api/v1/topics/books/posts/") == []
    assert bodies(api) == ["Company news"]
    assert api.delete("/api/v1/people/olivia/block/").status_code == 200
    assert "Book club news" in bodies(api)


def test_blocking_stops_following_both_ways(company, make_person, api_for):
    from intranet.feeds.models import PersonFollow

    bob = make_person("bob")
    follow_person(actor=company.outsider, person=bob, on=True)
    follow_person(actor=bob, person=company.outsider, on=True)
    block_person(actor=company.outsider, person=bob, on=True)
    assert not PersonFollow.objects.exists()
    api = api_for(company.outsider)
    assert api.post("/api/v1/people/nora/block/").status_code == 400
    assert api.post("/api/v1/people/nora/follow/").status_code == 400
    assert api.post("/api/v1/people/nobody-here/follow/").status_code == 404
    assert api.post("/api/v1/topics/nothing-yet/follow/").status_code == 404


@pytest.mark.smoke
def test_group_feeds_follow_the_group_visibility(company, office, api_for):
    outsider = api_for(company.outsider)
    assert bodies(outsider, "/api/v1/groups/book-club/posts/") == ["Book club news"]
    assert outsider.get("/api/v1/groups/women-in-tech/posts/").status_code == 404
    assert outsider.get(f"/api/v1/groups/{company.secret.slug}/posts/").status_code == 404
    assert bodies(api_for(company.member), f"/api/v1/groups/{company.secret.slug}/posts/") == [
        "Atlas news"]


def test_a_person_feed_shows_only_what_the_reader_may_read(company, office, api_for):
    assert bodies(api_for(company.outsider), "/api/v1/people/olivia/posts/") == [
        "Book club news"]
    assert bodies(api_for(company.member), "/api/v1/people/olivia/posts/") == [
        "Atlas news", "Women in Tech news", "Book club news"]
    assert api_for(company.member).get("/api/v1/people/ghost/posts/").status_code == 404
    assert api_for(company.member).get("/api/v1/topics/ghost/posts/").status_code == 404


def test_leaving_a_group_takes_its_posts_out_at_once(company, office, api_for):
    from intranet.groups.services import group_leave

    group_leave(actor=company.member, group=company.secret)
    api = api_for(company.member)
    assert "Atlas news" not in bodies(api)
    assert api.get(f"/api/v1/posts/{office['secret'].pk}/").status_code == 404


def test_pinned_posts_come_first(company, office, api_for, make_person):
    post_pin(actor=company.moderator, post=office["private"], pinned=True)
    post_pin(actor=company.hr, post=office["company"], pinned=True)
    api = api_for(company.member)
    found = entries(api)
    assert [e["post"]["body"] for e in found] == [
        "Company news", "Women in Tech news", "Atlas news", "Book club news"]
    assert [e["post"]["pinned"] for e in found] == [True, True, False, False]
    assert all(e["type"] == "post" for e in found)
    # a pinned post of a group one may not read is no one else's business
    assert bodies(api_for(make_person("ana"))) == ["Company news"]


def test_activity_order_follows_the_latest_comment(company, office, api_for):
    api = api_for(company.member)
    assert bodies(api, order="activity")[0] == "Atlas news"
    comment_create(actor=company.moderator, post=office["company"], body="Great news")
    assert bodies(api, order="activity") == [
        "Company news", "Atlas news", "Women in Tech news", "Book club news"]
    assert bodies(api) == ["Atlas news", "Women in Tech news", "Book club news",
                           "Company news"]


@pytest.mark.parametrize("order", ["recent", "activity"])
def test_cursor_pagination_has_no_duplicates_and_no_gaps(company, publish, api_for, order):
    posts = [publish(company.member, f"Post {n}", group=company.open) for n in range(47)]
    same_time = timezone.now() - timedelta(minutes=5)
    # many posts at the same instant: the order must still be total
    Post.objects.filter(pk__in=[p.pk for p in posts[10:30]]).update(
        published_at=same_time, last_activity_at=same_time)
    post_pin(actor=company.moderator, post=posts[3], pinned=True)
    api = api_for(company.outsider)
    api.post("/api/v1/groups/book-club/join/")
    seen = all_pages(api, order=order)
    assert len(seen) == len(set(seen)) == 47
    assert seen[0] == posts[3].pk
    first_page = entries(api, order=order)
    assert len(first_page) == 21  # the pinned post and a page of 20
    group_seen = all_pages(api, "/api/v1/groups/book-club/posts/")
    assert sorted(group_seen) == sorted(p.pk for p in posts)
    assert len(group_seen) == len(set(group_seen))


def test_a_page_costs_the_same_whatever_it_holds(company, make_person, publish, api_for):
    readers = [make_person(f"reader{n}") for n in range(3)]

    def add_posts(count: int) -> None:
        for n in range(count):
            post = publish(company.member, f"Post {n} #topic{n} #common @mona",
                           group=company.open, images=[png(), png("b.png")])
            for reader in readers:
                reaction_set(actor=reader, post=post, kind="like", on=True)
            comment = comment_create(actor=company.moderator, post=post, body="Nice")
            reaction_set(actor=company.owner, post=post, comment=comment, kind="love", on=True)
        Post.objects.filter(group=company.open).update(pinned_at=None)

    api = api_for(company.member)
    api.get("/api/v1/feed/")  # the token records its first use once, not on every request

    def cost(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(path)
        assert response.status_code == 200
        return len(captured)

    paths = ["/api/v1/feed/", "/api/v1/feed/?order=activity",
             "/api/v1/groups/book-club/posts/", "/api/v1/topics/common/posts/",
             "/api/v1/people/mike/posts/"]
    add_posts(1)
    one = {path: cost(path) for path in paths}
    add_posts(24)
    many = {path: cost(path) for path in paths}
    assert len(api.get("/api/v1/feed/").json()["results"]) == 20
    assert many == one
    # pinned posts come in one more query, however many they are
    post_pin(actor=company.moderator, post=Post.objects.earliest("pk"), pinned=True)
    one_pinned = {path: cost(path) for path in paths}
    for post in Post.objects.order_by("pk")[1:4]:
        post_pin(actor=company.moderator, post=post, pinned=True)
    assert len(api.get("/api/v1/feed/").json()["results"]) == 24
    assert {path: cost(path) for path in paths} == one_pinned


def test_the_topic_page_pages_through_every_post_once(company, publish, client_for):
    import re

    from intranet.feeds.services.posts import publish_due_posts

    early = publish(company.member, "Written first, published last #news", group=company.open,
                    publish_at=timezone.now() + timedelta(hours=1))
    posts = [publish(company.member, f"News {n} #news", group=company.open) for n in range(24)]
    Post.objects.filter(pk=early.pk).update(publish_at=timezone.now())
    publish_due_posts()
    client = client_for(company.outsider)
    seen, url = [], "/feed/topics/news/"
    for _page in range(5):
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        seen += [int(pk) for pk in re.findall(r'<article class="post[^"]*" id="post-(\d+)"', html)]
        more = re.search(r'href="(\?before=\d+)"', html)
        if not more:
            break
        url = "/feed/topics/news/" + more.group(1)
    assert seen[0] == early.pk
    assert sorted(seen) == sorted([early.pk] + [p.pk for p in posts])
