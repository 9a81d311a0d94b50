"""Websockets in tests: opened through the real ASGI application, read until quiet."""

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from intranet.accounts.services import ws_ticket_issue
from intranet.asgi import application


async def open_socket(user, *, credential: str = "") -> WebsocketCommunicator:
    ticket, _ = await sync_to_async(ws_ticket_issue)(user=user, credential=credential)
    socket = WebsocketCommunicator(application, f"/ws/?ticket={ticket}")
    connected, _ = await socket.connect()
    assert connected
    return socket


async def frames(socket, timeout: float = 3.0) -> list[dict]:
    """Everything the socket receives until it has been quiet for a moment."""
    received = []
    while not await socket.receive_nothing(timeout=timeout):
        received.append(await socket.receive_json_from())
        timeout = 0.7
    return received


async def resume(socket, since: int) -> list[dict]:
    """Ask to resume, and read up to the server's `resumed`."""
    await socket.send_json_to({"type": "resume", "since": since})
    received = []
    while True:
        frame = await socket.receive_json_from(timeout=10)
        if frame.get("type") == "resumed":
            return received
        received.append(frame)


def posts_in(received: list[dict], kind: str = "post.created") -> list[str]:
    return [frame["data"]["post"]["body"] for frame in received if frame["type"] == kind]
