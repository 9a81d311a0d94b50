"""Across processes, through Redis: a post made through one web process reaches a
websocket held by another."""

import asyncio
import json

import pytest
import websockets
from asgiref.sync import sync_to_async
from django.conf import settings

from intranet.accounts.services import token_create, ws_ticket_issue
from intranet.groups.services import group_create, group_join, member_invite
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


def form_data(html: str) -> dict[str, str]:
    """What a browser would send back from the admin's edit form, as it is."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").find("form", id="w-editor-form")
    data: dict[str, str] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name, kind = field.get("name"), field.get("type", "")
        if not name or kind in ("submit", "file") or (
                kind in ("checkbox", "radio") and not field.has_attr("checked")):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
    return data


async def test_a_person_switched_off_on_one_process_loses_a_socket_on_the_other(
        two_servers, make_person):
    """HR switches the account off in the admin of one web process; the person's socket,
    held by the other, closes within a second."""
    import httpx

    admin_url, socket_url = two_servers
    hr = await sync_to_async(make_person)("hana", password="pw-for-tests-1")
    hr.is_superuser = hr.is_staff = True
    await sync_to_async(hr.save)()
    ana = await sync_to_async(make_person)("ana", first_name="Ana", last_name="Lopez")
    ticket, _ = await sync_to_async(ws_ticket_issue)(user=ana)
    ws_url = socket_url.replace("http://", "ws://") + f"/ws/?ticket={ticket}"
    async with websockets.connect(ws_url) as socket:
        await socket.send(json.dumps({"type": "ping"}))
        assert json.loads(await asyncio.wait_for(socket.recv(), 10)) == {"type": "pong"}
        async with httpx.AsyncClient(base_url=admin_url, follow_redirects=False) as admin:
            login = await admin.get("/admin/login/")
            await admin.post("/admin/login/", data={
                "username": "hana", "password": "pw-for-tests-1",
                "csrfmiddlewaretoken": login.cookies["csrftoken"]})
            edit = f"/admin/users/edit/{ana.pk}/"
            form = await admin.get(edit)
            assert form.status_code == 200
            data = form_data(form.text)
            data.pop("is_active", None)  # the box unticked
            response = await admin.post(edit, data=data)
            assert response.status_code == 302
        # Saved: from now on the socket has a second.
        frame = json.loads(await asyncio.wait_for(socket.recv(), 1.0))
        assert frame == {"type": "error", "code": "session_ended"}
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 1.0)
        assert closed.value.rcvd.code == 4401
