"""Live delivery over the websocket: to members only, stopping the moment access ends."""

import pytest
from asgiref.sync import sync_to_async
from django.test import override_settings

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join, member_invite, member_remove
from tests.sockets import frames, open_socket, posts_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def circle(make_person):
    owner, member, outsider = make_person("olivia"), make_person("mike"), make_person("nora")
    group = group_create(actor=owner, name="Inner circle", visibility="secret")
    member_invite(actor=owner, group=group, invitee=member)
    group_join(actor=member, group=group)
    return {"group": group, "owner": owner, "member": member, "outsider": outsider}


async def test_a_group_post_reaches_members_live_and_no_one_else(circle):
    member = await open_socket(circle["member"])
    outsider = await open_socket(circle["outsider"])
    await sync_to_async(post_create)(actor=circle["owner"], body="Only for us",
                                     group=circle["group"])
    assert posts_in(await frames(member)) == ["Only for us"]
    assert posts_in(await frames(outsider, timeout=1.0)) == []
    for socket in (member, outsider):
        await socket.disconnect()


async def test_a_removed_member_stops_receiving_at_once(circle):
    member = await open_socket(circle["member"])
    await sync_to_async(post_create)(actor=circle["owner"], body="Before",
                                     group=circle["group"])
    assert posts_in(await frames(member)) == ["Before"]
    await sync_to_async(member_remove)(actor=circle["owner"], group=circle["group"],
                                       user=circle["member"])
    await sync_to_async(post_create)(actor=circle["owner"], body="After", group=circle["group"])
    received = await frames(member)
    assert posts_in(received) == []
    assert "group.removed" in [frame["type"] for frame in received]
    await member.disconnect()


async def test_pages_watch_open_groups_but_not_private_ones(make_person):
    owner, visitor = await sync_to_async(make_person)("olivia"), await sync_to_async(
        make_person)("val")
    await sync_to_async(group_create)(actor=owner, name="Open club")
    await sync_to_async(group_create)(actor=owner, name="Closed club", visibility="private")
    socket = await open_socket(visitor)
    await socket.send_json_to({"type": "subscribe", "group": "closed-club"})
    assert await socket.receive_json_from() == {"type": "error", "code": "not_found"}
    await socket.send_json_to({"type": "subscribe", "group": "open-club"})
    assert await socket.receive_json_from() == {"type": "subscribed", "group": "open-club"}
    from intranet.groups.models import InterestGroup

    open_club = await sync_to_async(InterestGroup.objects.get)(slug="open-club")
    await sync_to_async(post_create)(actor=owner, body="Hello visitors", group=open_club)
    assert posts_in(await frames(socket)) == ["Hello visitors"]
    await socket.disconnect()


async def test_company_wide_posts_reach_everyone(make_person):
    from django.contrib.auth.models import Group

    hr = await sync_to_async(make_person)("hana")
    await sync_to_async(lambda: hr.groups.add(Group.objects.get(name="HR")))()
    reader = await sync_to_async(make_person)("ana")
    socket = await open_socket(reader)
    await sync_to_async(post_create)(actor=hr, body="Welcome everyone")
    assert posts_in(await frames(socket)) == ["Welcome everyone"]
    await socket.disconnect()


@override_settings(CHANNEL_LAYERS={"default": {
    "BACKEND": "channels.layers.InMemoryChannelLayer"}})
async def test_on_the_embedded_default_the_web_process_relays_the_log(circle):
    """With the in-memory layer, events written elsewhere (the worker) reach sockets
    through the relay that reads the event log."""
    from intranet.core.events import relays_across_processes

    assert not relays_across_processes()
    member = await open_socket(circle["member"])
    await sync_to_async(post_create)(actor=circle["owner"], body="From the worker",
                                     group=circle["group"])
    assert posts_in(await frames(member)) == ["From the worker"]
    await member.disconnect()


async def test_posts_of_someone_i_block_do_not_reach_my_socket(circle):
    from intranet.feeds.services.social import block_person

    member = await open_socket(circle["member"])
    await sync_to_async(block_person)(actor=circle["member"], person=circle["owner"], on=True)
    await sync_to_async(post_create)(actor=circle["owner"], body="Blocked words",
                                     group=circle["group"])
    assert posts_in(await frames(member)) == []
    await member.disconnect()
