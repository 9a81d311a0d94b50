"""Live delivery that loses nothing: resuming on the socket, frames that never arrived,
a log too old to resume from."""

import asyncio
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction
from django.utils import timezone

from intranet.core.models import Event
from intranet.core.sequencer import sequence_events
from intranet.core.tasks import prune_events
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join, member_invite
from tests.events import latest_position
from tests.sockets import frames, open_socket, posts_in, resume

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def club(make_person):
    owner, member = make_person("olivia"), make_person("mike")
    group = group_create(actor=owner, name="Club", visibility="private")
    member_invite(actor=owner, group=group, invitee=member)
    group_join(actor=member, group=group)
    return {"group": group, "owner": owner, "member": member}


def post_in(club, body: str):
    return post_create(actor=club["owner"], body=body, group=club["group"])


def assert_once_in_order(received: list[dict]) -> None:
    ids = [frame["id"] for frame in received]
    assert ids == sorted(ids) and len(ids) == len(set(ids)), ids


@pytest.mark.smoke
async def test_a_socket_that_comes_back_gets_what_it_missed_then_live(club):
    since = await sync_to_async(latest_position)()
    for n in range(5):
        await sync_to_async(post_in)(club, f"While away {n}")
    socket = await open_socket(club["member"])
    missed = await resume(socket, since)
    assert posts_in(missed) == [f"While away {n}" for n in range(5)]
    await sync_to_async(post_in)(club, "Live again")
    live = await frames(socket)
    assert posts_in(live) == ["Live again"]
    assert_once_in_order(missed + live)
    await socket.disconnect()


async def test_resuming_while_posts_keep_coming_loses_and_repeats_nothing(club):
    since = await sync_to_async(latest_position)()
    bodies = [f"Post {n}" for n in range(40)]

    def post_all() -> None:
        for body in bodies:
            post_in(club, body)

    writer = asyncio.create_task(asyncio.to_thread(post_all))
    await asyncio.sleep(0.2)
    socket = await open_socket(club["member"])
    received = await resume(socket, since)
    await writer
    received += await frames(socket)
    assert posts_in(received) == bodies
    assert_once_in_order(received)
    await socket.disconnect()


def _post_whose_frame_is_lost(club, body: str) -> None:
    """The writer commits and dies before sending; another sequencer numbers its event
    and dies before sending too: the frame never travels."""
    with transaction.atomic():
        post_in(club, body)
        transaction.get_connection().run_on_commit.clear()
    sequence_events()


async def test_a_frame_that_never_arrived_is_read_from_the_log(club):
    socket = await open_socket(club["member"])
    await resume(socket, await sync_to_async(latest_position)())
    await sync_to_async(_post_whose_frame_is_lost)(club, "Lost on the way")
    await sync_to_async(post_in)(club, "Arrived")
    received = await frames(socket)
    assert posts_in(received) == ["Lost on the way", "Arrived"]
    assert_once_in_order(received)
    await socket.disconnect()


async def test_events_written_without_sending_reach_sockets_by_the_sweep(club):
    """A writer that died between its commit and numbering its events: each web process
    sweeps the log every second."""
    socket = await open_socket(club["member"])
    await resume(socket, await sync_to_async(latest_position)())

    def orphan() -> None:
        with transaction.atomic():
            post_in(club, "Left behind")
            transaction.get_connection().run_on_commit.clear()

    await sync_to_async(orphan)()
    assert posts_in(await frames(socket)) == ["Left behind"]
    await socket.disconnect()


async def test_a_client_away_longer_than_the_log_is_told_to_reload(club, settings, api_for):
    since = await sync_to_async(latest_position)()
    for n in range(3):
        await sync_to_async(post_in)(club, f"Old {n}")
    await sync_to_async(latest_position)()
    await sync_to_async(Event.objects.update)(created_at=timezone.now() - timedelta(days=9))
    await sync_to_async(post_in)(club, "Recent")
    settings.EVENT_RETENTION_DAYS = 7
    assert await sync_to_async(prune_events.call)() > 0
    socket = await open_socket(club["member"])
    await socket.send_json_to({"type": "resume", "since": since})
    assert await socket.receive_json_from() == {"type": "reload"}
    await socket.disconnect()
    api = await sync_to_async(api_for)(club["member"])
    response = await sync_to_async(api.get)("/api/v1/events/", {"since": since})
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "too_old"
    recent = await sync_to_async(latest_position)()
    assert (await sync_to_async(api.get)("/api/v1/events/", {"since": recent - 1})
            ).status_code == 200


async def test_a_bad_resume_is_an_error_frame_and_the_socket_stays(club):
    socket = await open_socket(club["member"])
    for bad in ("yesterday", None, True, 1.5, [1]):
        await socket.send_json_to({"type": "resume", "since": bad})
        assert (await socket.receive_json_from())["code"] == "invalid"
    await socket.send_to(text_data="{not json")
    assert (await socket.receive_json_from())["code"] == "invalid"
    await socket.send_json_to({"type": "resume", "since": 10**30})
    assert await socket.receive_json_from() == {"type": "reload"}
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}
    await socket.disconnect()
