"""A property of the read policy: after any sequence of changes (joining, leaving,
removal, a change of visibility, a deleted post, a withdrawn announcement, an account
switched off), what a person can see of posts and groups by any path (feeds, the post,
search, the catch-up) is exactly what the policy allows."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from intranet.accounts.services import token_create
from intranet.announcements.selectors import readable_announcements
from intranet.core.errors import DomainError
from intranet.feeds.models import Post
from intranet.feeds.selectors import readable_posts
from intranet.feeds.services.posts import post_create, post_delete
from intranet.groups.models import InterestGroup, Membership, Role
from intranet.groups.selectors import visible_groups
from intranet.groups.services import (
    group_create,
    group_join,
    group_leave,
    group_update,
    member_invite,
    member_remove,
)
from intranet.people.services import employee_leave, employee_return, profile_ensure
from intranet.search.indexing import drain_all
from tests.announcements.conftest import publish as publish_announcement
from tests.events import latest_position

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]
PEOPLE = ("olga", "mia", "noe", "ivy")
GROUPS = ("alpha", "beta")


class Rollback(Exception):
    """Undo one example's changes, so that the next starts from the same company."""


actions = st.lists(st.one_of(
    st.tuples(st.just("join"), st.sampled_from(PEOPLE), st.sampled_from(GROUPS)),
    st.tuples(st.just("leave"), st.sampled_from(PEOPLE), st.sampled_from(GROUPS)),
    st.tuples(st.just("remove"), st.sampled_from(PEOPLE), st.sampled_from(GROUPS)),
    st.tuples(st.just("visibility"), st.sampled_from(("open", "private", "secret")),
              st.sampled_from(GROUPS)),
    st.tuples(st.just("post"), st.sampled_from(PEOPLE), st.sampled_from(GROUPS)),
    st.tuples(st.just("delete"), st.sampled_from(PEOPLE), st.integers(0, 5)),
    st.tuples(st.just("withdraw"), st.sampled_from(GROUPS), st.just(None)),
    st.tuples(st.just("deactivate"), st.sampled_from(PEOPLE[1:]), st.just(None)),
    st.tuples(st.just("return"), st.sampled_from(PEOPLE[1:]), st.just(None)),
), min_size=1, max_size=7)


def act(action, people: dict, groups: dict) -> None:
    kind, who, what = action
    owner = people["olga"]
    try:
        if kind == "join":
            if groups[what].visibility != "open":
                member_invite(actor=owner, group=groups[what], invitee=people[who])
            group_join(actor=people[who], group=groups[what])
        elif kind == "leave":
            group_leave(actor=people[who], group=groups[what])
        elif kind == "remove":
            member_remove(actor=owner, group=groups[what], user=people[who])
        elif kind == "visibility":
            group_update(actor=owner, group=groups[what], changes={"visibility": who})
        elif kind == "post":
            post_create(actor=people[who], group=groups[what], body=f"Zorb {who} {what}")
        elif kind == "delete":
            post = Post.objects.filter(deleted_at=None).order_by("pk")[what:what + 1].first()
            if post is not None:
                post_delete(actor=post.author, post=post)
        elif kind == "withdraw":
            page = groups[who].announcement
            page.refresh_from_db()
            if page.live:
                page.unpublish()
        elif kind == "deactivate":
            employee_leave(actor=None, profile=profile_ensure(user=people[who]))
        elif kind == "return":
            employee_return(actor=None, profile=profile_ensure(user=people[who]))
    except DomainError:
        pass  # refused (not a member, last owner...): nothing changed
    for person in people.values():
        person.refresh_from_db()
    for group in groups.values():
        group.refresh_from_db()


def seen_by(api: APIClient, since: int) -> tuple[set[int], set[str], set[int]]:
    """Post ids, group slugs and announcement ids the person can see by any path."""
    posts, slugs, announcements = set(), set(), set()
    listed = api.get("/api/v1/groups/")
    if listed.status_code != 200:
        return posts, slugs, announcements
    slugs |= {group["slug"] for group in listed.json()["results"]}
    slugs |= {group.slug for group in InterestGroup.objects.all()
              if api.get(f"/api/v1/groups/{group.slug}/").status_code == 200}
    feeds = ["/api/v1/feed/"] + [f"/api/v1/groups/{slug}/posts/" for slug in slugs]
    for url in feeds:
        response = api.get(url)
        if response.status_code == 200:
            posts |= {entry.get("post", entry).get("id") for entry in response.json()["results"]
                      if entry.get("type", "post") == "post"}
    posts |= {post.pk for post in Post.objects.all()
              if api.get(f"/api/v1/posts/{post.pk}/").status_code == 200}
    posts |= {hit["id"] for hit in api.get("/api/v1/search/", {"q": "zorb", "type": "post"})
              .json()["results"]}
    watched = "".join(f"&group={slug}" for slug in slugs)
    for frame in api.get(f"/api/v1/events/?since={since}{watched}").json()["results"]:
        if frame["type"] in ("post.created", "post.updated"):
            posts.add(frame["data"]["post"]["id"])
    announcements |= {entry["id"] for entry in api.get("/api/v1/announcements/").json()[
        "results"]}
    return posts, slugs, announcements


@pytest.fixture
def company(make_person, settings):
    settings.SEARCH_URL = "db"  # indexed in the same transaction, undone with each example
    people = {name: make_person(name) for name in PEOPLE}
    groups = {}
    for name in GROUPS:
        group = group_create(actor=people["olga"], name=name.capitalize())
        group.announcement = publish_announcement(f"{name} news", groups=[group])
        groups[name] = group
    apis = {}
    for name, person in people.items():
        _token, plaintext = token_create(user=person, name="property")
        apis[name] = APIClient()
        apis[name].credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return people, groups, apis


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=actions)
@example(steps=[("post", "olga", "alpha"), ("visibility", "secret", "alpha"),
                ("post", "olga", "alpha")])
@example(steps=[("join", "mia", "beta"), ("post", "mia", "beta"), ("remove", "mia", "beta"),
                ("visibility", "private", "beta")])
@example(steps=[("post", "olga", "alpha"), ("withdraw", "alpha", None),
                ("deactivate", "mia", None), ("return", "mia", None)])
def test_visible_anywhere_is_what_the_policy_allows(company, steps):
    people, groups, apis = company
    try:
        with transaction.atomic():
            since = latest_position()
            for step in steps:
                act(step, people, groups)
                drain_all()
                for name, person in people.items():
                    posts, slugs, announcements = seen_by(apis[name], since)
                    assert posts == set(readable_posts(person).values_list("pk", flat=True)), (
                        name, step)
                    assert slugs == set(visible_groups(person).values_list("slug", flat=True)
                                        ), (name, step)
                    allowed = set(readable_announcements(person).values_list("pk", flat=True))
                    assert announcements <= allowed, (name, step)
            raise Rollback
    except Rollback:
        pass
    assert Membership.objects.filter(role=Role.OWNER).count() == len(GROUPS)
