"""Across processes, through Redis: a post made through one web process reaches a
websocket held by another."""

import asyncio
import json

import pytest
import websockets
from asgiref.sync import sync_to_async
from django.conf import settings

from groups.services import group_create, group_join, member_invite
from intranet.accounts.services import token_create, ws_ticket_issue
from tests.servers import start_server, stop

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def two_servers():
    if not settings.REDIS_URL:
        pytest.fail("Redis is needed: set REDIS_URL (deploy/services start; "
                    'eval "$(deploy/services env)")')
    first, second = start_server(), start_server()
    yield first[1], second[1]
    stop(first[0])
    stop(second[0])


async def test_a_post_through_one_process_reaches_a_socket_on_another(two_servers,
                                                                       make_person):
    import httpx

    poster_url, reader_url = two_servers
    owner = await sync_to_async(make_person)("olivia")
    reader = await sync_to_async(make_person)("mike")
    group = await sync_to_async(group_create)(actor=owner, name="Across", visibility="secret")
    await sync_to_async(member_invite)(actor=owner, group=group, invitee=reader)
    await sync_to_async(group_join)(actor=reader, group=group)
    ticket, _ = await sync_to_async(ws_ticket_issue)(user=reader)
    _token, plaintext = await sync_to_async(token_create)(user=owner, name="test")

    ws_url = reader_url.replace("http://", "ws://") + f"/ws/?ticket={ticket}"
    async with websockets.connect(ws_url) as socket:
        await socket.send(json.dumps({"type": "ping"}))
        assert json.loads(await asyncio.wait_for(socket.recv(), 10)) == {"type": "pong"}
        async with httpx.AsyncClient() as client:
            response = await client.post(f"{poster_url}/api/v1/posts/",
                                         json={"body": "Hello from the other side",
                                               "group": group.slug},
                                         headers={"Authorization": f"Bearer {plaintext}"})
        assert response.status_code == 201, response.text
        while True:
            frame = json.loads(await asyncio.wait_for(socket.recv(), 10))
            if frame["type"] == "post.created":
                break
        assert frame["data"]["post"]["body"] == "Hello from the other side"
        assert frame["data"]["post"]["group"] == group.slug
