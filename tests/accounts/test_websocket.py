"""The websocket: one-time tickets, or the session cookie with a checked Origin."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from intranet.accounts.services import ws_ticket_issue
from intranet.asgi import application

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def connect(path: str, headers=None) -> tuple[WebsocketCommunicator, bool]:
    communicator = WebsocketCommunicator(application, path, headers=headers or [])
    connected, _ = await communicator.connect()
    return communicator, connected


@pytest.mark.smoke
async def test_a_ticket_opens_the_socket_once(make_person, api_for):
    ana = await sync_to_async(make_person)("ana")
    api = await sync_to_async(api_for)(ana)
    issued = await sync_to_async(api.post)("/api/v1/auth/ws-ticket/")
    assert issued.status_code == 200
    body = issued.json()
    assert body["expires_in"] == settings.WS_TICKET_SECONDS
    socket, connected = await connect(f"/ws/?ticket={body['ticket']}")
    assert connected
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}
    await socket.disconnect()
    _again, connected_again = await connect(f"/ws/?ticket={body['ticket']}")
    assert not connected_again


async def test_an_unknown_ticket_is_refused():
    _socket, connected = await connect("/ws/?ticket=not-a-ticket")
    assert not connected


async def test_an_expired_ticket_is_refused(make_person, settings):
    settings.WS_TICKET_SECONDS = -1
    ana = await sync_to_async(make_person)("ana")
    ticket, _ = await sync_to_async(ws_ticket_issue)(user=ana)
    _socket, connected = await connect(f"/ws/?ticket={ticket}")
    assert not connected


def test_ticket_endpoint_needs_credentials(client):
    response = client.post("/api/v1/auth/ws-ticket/")
    assert response.status_code == 401


def session_cookie(user) -> bytes:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}".encode()


async def test_the_session_cookie_works_from_an_allowed_origin(make_person):
    ana = await sync_to_async(make_person)("ana")
    cookie = await sync_to_async(session_cookie)(ana)
    socket, connected = await connect("/ws/", headers=[
        (b"cookie", cookie), (b"origin", b"http://localhost"), (b"host", b"localhost")])
    assert connected
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}
    await socket.disconnect()


@pytest.mark.parametrize("origin", [b"https://evil.example", None, b"http://localhost:8001",
                                    b"https://localhost", b"http://localhost.evil.example",
                                    b"null"])
async def test_the_session_cookie_is_refused_from_another_or_no_origin(make_person, origin):
    ana = await sync_to_async(make_person)("ana")
    cookie = await sync_to_async(session_cookie)(ana)
    headers = [(b"cookie", cookie), (b"host", b"localhost")] + (
        [(b"origin", origin)] if origin else [])
    _socket, connected = await connect("/ws/", headers=headers)
    assert not connected


async def test_an_anonymous_socket_is_closed():
    _socket, connected = await connect("/ws/", headers=[(b"origin", b"http://localhost"),
                                                        (b"host", b"localhost")])
    assert not connected


async def test_a_socket_receives_its_streams_and_only_what_its_person_may_read(make_person):
    from intranet.core.events import publish_event
    from intranet.groups.services import group_create

    ana = await sync_to_async(make_person)("ana")
    group = await sync_to_async(group_create)(actor=ana, name="Club")
    other = await sync_to_async(make_person)("bob")
    elsewhere = await sync_to_async(group_create)(actor=other, name="Elsewhere",
                                                   visibility="secret")
    ticket, _ = await sync_to_async(ws_ticket_issue)(user=ana)
    socket, connected = await connect(f"/ws/?ticket={ticket}")
    assert connected
    sends = [
        (f"group:{elsewhere.pk}", [f"group:{elsewhere.pk}"], 0),  # not a member: not joined
        ("company", [f"group:{elsewhere.pk}"], 1),  # joined, but not for her eyes
        ("company", ["company"], 2),
        (f"user:{ana.pk}", [f"user:{ana.pk}"], 3),
        (f"group:{group.pk}", [f"group:{group.pk}"], 4),
    ]
    for stream, audience, n in sends:
        await sync_to_async(publish_event)(stream=stream, type="test", data={"n": n},
                                           audience=audience)
    received = [(await socket.receive_json_from())["data"]["n"] for _ in range(3)]
    assert received == [2, 3, 4]
    assert await socket.receive_nothing()
    await socket.disconnect()


MALFORMED = [
    {"bytes_data": b'{"type": "ping"}'},
    {"text_data": "not json"},
    {"text_data": "[" * 50_000 + "]" * 50_000},
    {"text_data": '{"type": "subscribe", "group": "\\ud800"}'},
    {"text_data": '{"type": "subscribe", "group": "a\\u0000b"}'},
    {"text_data": '{"type": "subscribe", "group": ["a"]}'},
    {"text_data": '{"type": "resume", "since": 1e400}'},
    {"text_data": '{"type": "resume", "since": -1}'},
    {"text_data": "null"},
    {"text_data": '{"type": {"nested": true}}'},
]


async def test_a_malformed_frame_gets_an_error_frame_and_the_socket_stays_open(make_person):
    from tests.sockets import open_socket

    ana = await sync_to_async(make_person)("ana")
    socket = await open_socket(ana)
    for frame in MALFORMED:
        await socket.send_to(**frame)
        answer = await socket.receive_json_from(timeout=5)
        assert answer["type"] == "error", (frame, answer)
    await socket.send_to(text_data='{"type": "resume", "since": 99999999999999999999999}')
    answer = await socket.receive_json_from(timeout=5)
    assert answer["type"] in ("reload", "resumed", "error"), answer
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from(timeout=5) == {"type": "pong"}
    await socket.disconnect()


async def test_a_session_that_owes_its_second_factor_opens_no_socket(make_person, settings):
    from django_otp import DEVICE_ID_SESSION_KEY

    settings.TWO_FACTOR_FOR_ADMIN = True
    ada = await sync_to_async(make_person)("ada")
    ada.is_superuser = True
    await ada.asave()
    cookie = await sync_to_async(session_cookie)(ada)
    headers = [(b"cookie", cookie), (b"origin", b"http://localhost"), (b"host", b"localhost")]
    _socket, connected = await connect("/ws/", headers=headers)
    assert not connected

    def verified_cookie() -> bytes:
        session = SessionStore(session_key=cookie.decode().split("=", 1)[1])
        session[DEVICE_ID_SESSION_KEY] = "otp_totp.totpdevice/1"
        session.save()
        return cookie

    await sync_to_async(verified_cookie)()
    socket, connected = await connect("/ws/", headers=headers)
    assert connected
    await socket.disconnect()
