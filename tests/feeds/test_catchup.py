"""Catching up after a dropped connection: exactly what was missed, in order, as it is now."""

import threading

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intranet.core.events import publish_event
from intranet.core.models import Event
from intranet.feeds.services.posts import post_create, post_delete, post_edit
from intranet.groups.services import group_create, group_join, group_leave
from tests.events import catch_up, latest_position

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(make_person):
    owner, reader = make_person("olivia"), make_person("ana")
    group = group_create(actor=owner, name="Club", visibility="private")
    from intranet.groups.services import member_invite

    member_invite(actor=owner, group=group, invitee=reader)
    group_join(actor=reader, group=group)
    return {"group": group, "owner": owner, "reader": reader}


@pytest.mark.smoke
def test_a_reconnecting_client_gets_exactly_what_it_missed(club, api_for):
    api = api_for(club["reader"])
    since = latest_position()
    for n in range(5):
        post_create(actor=club["owner"], body=f"Post {n}", group=club["group"])
    frames = catch_up(api, since)
    posts = [f for f in frames if f["type"] == "post.created"]
    assert [f["data"]["post"]["body"] for f in posts] == [f"Post {n}" for n in range(5)]
    ids = [f["id"] for f in frames]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert catch_up(api, ids[-1]) == []


def test_catch_up_gives_the_current_state(club, api_for):
    api = api_for(club["reader"])
    since = latest_position()
    edited = post_create(actor=club["owner"], body="First draft", group=club["group"])
    gone = post_create(actor=club["owner"], body="Oops", group=club["group"])
    post_edit(actor=club["owner"], post=edited, body="Final text")
    post_delete(actor=club["owner"], post=gone)
    frames = catch_up(api, since)
    bodies = {f["data"]["post"].get("body") for f in frames if f["type"] != "post.deleted"}
    assert "First draft" not in bodies and "Oops" not in bodies
    assert "Final text" in bodies
    deleted = [f["data"]["post"]["id"] for f in frames if f["type"] == "post.deleted"]
    assert gone.pk in deleted


def test_catch_up_never_returns_what_the_reader_may_no_longer_read(club, api_for):
    since = latest_position()
    post_create(actor=club["owner"], body="Members only", group=club["group"])
    group_leave(actor=club["reader"], group=club["group"])
    frames = catch_up(api_for(club["reader"]), since)
    assert "Members only" not in str(frames)


def test_outsiders_catch_up_on_open_groups_they_watch_not_private_ones(make_person, api_for):
    owner, visitor = make_person("olivia"), make_person("val")
    open_club = group_create(actor=owner, name="Open club")
    private = group_create(actor=owner, name="Closed club", visibility="private")
    since = latest_position()
    post_create(actor=owner, body="For everyone", group=open_club)
    post_create(actor=owner, body="For members", group=private)
    frames = catch_up(api_for(visitor), since, "open-club", "closed-club")
    assert "For everyone" in str(frames)
    assert "For members" not in str(frames)
    assert "For everyone" not in str(catch_up(api_for(visitor), since))


def test_since_must_be_a_number(make_person, api_for):
    response = api_for(make_person("ana")).get("/api/v1/events/", {"since": "yesterday"})
    assert response.status_code == 400
    assert "since" in response.json()["error"]["fields"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writer_that_commits_late_is_caught_up_not_skipped(make_person, api_for):
    """Writers take no lock: a transaction that wrote its event first but commits last
    does not block the other, and gets a later position, so "since the last position I
    saw" still finds it."""
    reader = make_person("ana")
    api = api_for(reader)
    since = latest_position()
    first_written, release_first = threading.Event(), threading.Event()
    second_done = threading.Event()

    def first_writer() -> None:
        with transaction.atomic():
            publish_event(stream="company", type="post.created", data={"post": {"id": 0}})
            first_written.set()
            release_first.wait(10)
        connection.close()

    def second_writer() -> None:
        first_written.wait(10)
        with transaction.atomic():
            publish_event(stream="company", type="post.created", data={"post": {"id": -1}})
        second_done.set()
        connection.close()

    threads = [threading.Thread(target=first_writer), threading.Thread(target=second_writer)]
    for thread in threads:
        thread.start()
    first_written.wait(10)
    assert second_done.wait(5), "the second writer waited for the first"
    seen = [frame["id"] for frame in catch_up(api, since)]
    assert len(seen) == 1
    release_first.set()
    for thread in threads:
        thread.join(15)
    late = catch_up(api, seen[-1])
    assert [frame["id"] for frame in late] == [seen[-1] + 1]
    first, second = Event.objects.filter(position__gt=since).order_by("id")
    assert first.id < second.id and first.position > second.position


def test_catch_up_leaves_out_people_i_block(club, api_for):
    from intranet.feeds.services.social import block_person

    block_person(actor=club["reader"], person=club["owner"], on=True)
    since = latest_position()
    post_create(actor=club["owner"], body="From someone blocked", group=club["group"])
    assert "From someone blocked" not in str(catch_up(api_for(club["reader"]), since))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(since=st.one_of(st.integers(), st.text(max_size=30), st.floats().map(str)),
       groups=st.lists(st.text(max_size=40), max_size=4))
def test_any_catch_up_request_is_answered_without_a_server_error(club, api_for, since,
                                                                 groups):
    response = api_for(club["reader"]).get("/api/v1/events/", {"since": since,
                                                               "group": groups})
    assert response.status_code in (200, 400, 410), response.content
    assert "error" in response.json() or "results" in response.json()
