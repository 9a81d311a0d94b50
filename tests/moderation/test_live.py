"""Decisions reach open sockets at once: a hidden post leaves other people's pages and
stays, marked, on its author's; a mute reaches the muted person's pages; a suspension
closes their sockets."""

import pytest
from asgiref.sync import sync_to_async

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join, member_invite, member_set_role
from intranet.moderation.models import Case
from intranet.moderation.services.decisions import case_decide
from intranet.moderation.services.reports import report_create
from intranet.moderation.services.restrictions import mute, suspend
from tests.accounts.test_access_ends import assert_closed_for_session_end
from tests.sockets import frames, open_socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def circle(make_person):
    owner, author, reader = make_person("olivia"), make_person("mike"), make_person("nora")
    group = group_create(actor=owner, name="Inner circle", visibility="private")
    for person in (author, reader):
        member_invite(actor=owner, group=group, invitee=person)
        group_join(actor=person, group=group)
    return {"group": group, "owner": owner, "author": author, "reader": reader}


def _hide(circle):
    post = post_create(actor=circle["author"], body="Tickets for sale", group=circle["group"])
    report_create(actor=circle["reader"], kind="post", key=str(post.pk), reason="spam")
    case_decide(actor=circle["owner"], case=Case.objects.get(), action="hide",
                reason="No selling here")
    return post


async def test_a_hidden_post_leaves_readers_sockets_and_stays_marked_for_its_author(circle):
    reader = await open_socket(circle["reader"])
    author = await open_socket(circle["author"])
    post = await sync_to_async(_hide)(circle)
    seen = [frame for frame in await frames(reader) if frame["type"].startswith("post.")]
    assert [frame["type"] for frame in seen] == ["post.created", "post.deleted"]
    assert seen[-1]["data"] == {"post": {"id": post.pk}}
    own = [frame for frame in await frames(author) if frame["type"].startswith("post.")]
    assert own[-1]["type"] == "post.updated"
    assert own[-1]["data"]["post"]["moderation"] == {"state": "hidden",
                                                     "reason": "No selling here"}
    for socket in (reader, author):
        await socket.disconnect()


async def test_a_mute_reaches_the_open_page_and_a_suspension_closes_the_socket(circle):
    socket = await open_socket(circle["author"])

    def decide():
        from django.utils import timezone
        member_set_role(actor=circle["owner"], group=circle["group"], user=circle["reader"],
                        role="moderator")
        mute(actor=circle["reader"], user=circle["author"], group=circle["group"],
             until=timezone.now() + timezone.timedelta(hours=1), reason="Cool down")

    await sync_to_async(decide)()
    muted = [frame for frame in await frames(socket) if frame["type"] == "person.muted"]
    assert muted and muted[0]["data"]["group"] == circle["group"].slug
    circle["owner"].is_staff = True
    await sync_to_async(suspend)(actor=circle["owner"], user=circle["author"],
                                 reason="Repeated abuse")
    await assert_closed_for_session_end(socket)


async def test_new_items_reach_the_queues_of_those_who_review_them_only(circle, make_person):
    from tests.feeds.conftest import give_role

    manager = await sync_to_async(make_person)("cora")
    await sync_to_async(give_role)(manager, "Community managers")
    stranger = await sync_to_async(make_person)("otto")
    sockets = {name: await open_socket(person) for name, person in (
        ("owner", circle["owner"]), ("manager", manager), ("stranger", stranger),
        ("author", circle["author"]))}

    def reported():
        post = post_create(actor=circle["author"], body="Tickets", group=circle["group"])
        report_create(actor=circle["reader"], kind="post", key=str(post.pk), reason="spam")
        return Case.objects.get()

    case = await sync_to_async(reported)()
    for name, socket in sockets.items():
        queued = [frame for frame in await frames(socket, timeout=1.5)
                  if frame["type"] == "moderation.queued"]
        expected = [{"case": {"id": case.pk, "state": "open"}}] \
            if name in ("owner", "manager") else []
        assert [frame["data"] for frame in queued] == expected, name
        await socket.disconnect()


async def test_a_held_post_reaches_its_author_s_socket_only(circle):
    from intranet.moderation.models import ModerationRule

    await sync_to_async(ModerationRule.objects.create)(
        name="Tickets", enabled=True, action="hold", conditions={"words": ["tickets"]})
    reader = await open_socket(circle["reader"])
    author = await open_socket(circle["author"])
    await sync_to_async(post_create)(actor=circle["author"], body="Tickets for sale",
                                     group=circle["group"])
    assert [f for f in await frames(reader, timeout=1.5) if f["type"].startswith("post.")] == []
    own = [f for f in await frames(author) if f["type"] == "post.created"]
    assert own[0]["data"]["post"]["moderation"] == {"state": "held", "reason": ""}
    for socket in (reader, author):
        await socket.disconnect()


async def test_an_approved_post_appears_on_readers_sockets(circle):
    from intranet.moderation.models import ModerationRule

    await sync_to_async(ModerationRule.objects.create)(
        name="Tickets", enabled=True, action="hold", conditions={"words": ["tickets"]})
    reader = await open_socket(circle["reader"])

    def approve():
        post = post_create(actor=circle["author"], body="Tickets for the gala",
                           group=circle["group"])
        case_decide(actor=circle["owner"], case=Case.objects.get(), action="approve")
        return post

    post = await sync_to_async(approve)()
    seen = [frame for frame in await frames(reader) if frame["type"].startswith("post.")]
    assert [(frame["type"], frame["data"]["post"]["id"]) for frame in seen] == [
        ("post.created", post.pk)]
    assert seen[0]["data"]["post"]["body"] == "Tickets for the gala"
    await reader.disconnect()
