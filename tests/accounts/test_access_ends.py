"""Sockets follow the account: when access ends, the sockets it opened close at once."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from intranet.accounts.services import token_create
from intranet.asgi import application
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join, group_update
from intranet.people.services import employee_leave, profile_ensure
from tests.events import latest_position
from tests.sockets import frames, open_socket, posts_in, resume

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def assert_closed_for_session_end(socket: WebsocketCommunicator) -> None:
    assert await socket.receive_json_from(timeout=5) == {"type": "error",
                                                         "code": "session_ended"}
    assert await socket.receive_output(timeout=5) == {"type": "websocket.close",
                                                      "code": 4401}


async def assert_open(socket: WebsocketCommunicator) -> None:
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}


def api_with_token(user) -> tuple[APIClient, int]:
    token, plaintext = token_create(user=user, name="script")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return api, token.pk


async def socket_through(api: APIClient) -> WebsocketCommunicator:
    ticket = (await sync_to_async(api.post)("/api/v1/auth/ws-ticket/")).json()["ticket"]
    socket = WebsocketCommunicator(application, f"/ws/?ticket={ticket}")
    assert (await socket.connect())[0]
    return socket


@pytest.mark.smoke
async def test_a_person_who_leaves_loses_every_socket_at_once(make_person):
    ana = await sync_to_async(make_person)("ana")
    first, second = await open_socket(ana), await open_socket(ana)
    await sync_to_async(employee_leave)(actor=None, profile=await sync_to_async(
        profile_ensure)(user=ana))
    for socket in (first, second):
        await assert_closed_for_session_end(socket)


async def test_an_account_switched_off_in_the_admin_loses_its_sockets(make_person):
    ana = await sync_to_async(make_person)("ana")
    socket = await open_socket(ana)
    ana.is_active = False
    await sync_to_async(ana.save)()
    await assert_closed_for_session_end(socket)


async def test_revoking_a_token_closes_what_it_opened_and_nothing_else(make_person):
    ana = await sync_to_async(make_person)("ana")
    (api, _id), (other_api, _other) = (await sync_to_async(api_with_token)(ana),
                                      await sync_to_async(api_with_token)(ana))
    revoked, kept = await socket_through(api), await socket_through(other_api)
    response = await sync_to_async(api.delete)("/api/v1/auth/token/")
    assert response.status_code == 204
    await assert_closed_for_session_end(revoked)
    await assert_open(kept)
    assert (await sync_to_async(api.get)("/api/v1/me/")).status_code == 401
    assert (await sync_to_async(api.delete)("/api/v1/auth/token/")).status_code == 401
    await kept.disconnect()


async def test_a_ticket_asked_with_a_token_revoked_since_opens_nothing(make_person):
    ana = await sync_to_async(make_person)("ana")
    api, _id = await sync_to_async(api_with_token)(ana)
    ticket = (await sync_to_async(api.post)("/api/v1/auth/ws-ticket/")).json()["ticket"]
    await sync_to_async(api.delete)("/api/v1/auth/token/")
    socket = WebsocketCommunicator(application, f"/ws/?ticket={ticket}")
    assert not (await socket.connect())[0]


def signed_in(user) -> tuple[Client, bytes]:
    browser = Client()
    browser.force_login(user)
    session_key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return browser, f"{settings.SESSION_COOKIE_NAME}={session_key}".encode()


async def test_signing_out_closes_that_session_s_sockets_only(make_person):
    ana = await sync_to_async(make_person)("ana")
    (laptop, laptop_cookie), (_phone, phone_cookie) = (await sync_to_async(signed_in)(ana),
                                                       await sync_to_async(signed_in)(ana))
    sockets = []
    for cookie in (laptop_cookie, phone_cookie):
        socket = WebsocketCommunicator(application, "/ws/", headers=[
            (b"cookie", cookie), (b"origin", b"http://localhost"), (b"host", b"localhost")])
        assert (await socket.connect())[0]
        sockets.append(socket)
    await sync_to_async(laptop.post)("/accounts/logout/")
    await assert_closed_for_session_end(sockets[0])
    await assert_open(sockets[1])
    await sockets[1].disconnect()


async def test_a_group_turning_private_stops_its_watchers_at_once(make_person):
    owner, member, visitor = [await sync_to_async(make_person)(name)
                              for name in ("olivia", "mike", "val")]
    group = await sync_to_async(group_create)(actor=owner, name="Open club")
    await sync_to_async(group_join)(actor=member, group=group)
    watcher, insider = await open_socket(visitor), await open_socket(member)
    for socket in (watcher, insider):
        await resume(socket, await sync_to_async(latest_position)())
    await watcher.send_json_to({"type": "subscribe", "group": "open-club"})
    assert await watcher.receive_json_from() == {"type": "subscribed", "group": "open-club"}
    await sync_to_async(group_update)(actor=owner, group=group,
                                      changes={"visibility": "private"})
    await sync_to_async(post_create)(actor=owner, body="Members only now", group=group)
    assert posts_in(await frames(watcher, timeout=1.5)) == []
    assert posts_in(await frames(insider)) == ["Members only now"]
    for socket in (watcher, insider):
        await socket.disconnect()
