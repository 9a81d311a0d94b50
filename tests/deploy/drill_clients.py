"""Clients of the drills: people using the API through nginx, and live feeds held the
way the web page holds them (reconnect, then resume from the last event seen)."""

import asyncio
import itertools
import json
from collections import Counter

import httpx
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

# What a client sees of a process or an engine going away.
TRANSIENT = (httpx.TransportError, OSError, WebSocketException, asyncio.TimeoutError)
RETRY_STATUSES = {502, 503, 504}
_serial = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix} {next(_serial)}"


class Person:
    """One employee's bearer token, and their API calls through nginx."""

    def __init__(self, url: str, username: str, token: str) -> None:
        self.url, self.username, self.token = url, username, token
        self.client = httpx.AsyncClient(base_url=url, timeout=20,
                                        headers={"Authorization": f"Bearer {token}"})
        self.retried = 0

    @classmethod
    async def sign_in(cls, url: str, username: str, password: str) -> "Person":
        async with httpx.AsyncClient(base_url=url, timeout=20) as anonymous:
            response = await anonymous.post("/api/v1/auth/token/",
                                            json={"username": username, "password": password})
        response.raise_for_status()
        return cls(url, username, response.json()["token"])

    async def call(self, method: str, path: str, *, retry: bool = False,
                   **kwargs) -> httpx.Response | None:
        """The response, or None when the connection failed; with `retry`, a connection
        failure or a 502/503/504 is tried once more, as a careful client does."""
        for attempt in range(2 if retry else 1):
            try:
                response = await self.client.request(method, path, **kwargs)
            except httpx.TransportError:
                response = None
            if response is not None and response.status_code not in RETRY_STATUSES:
                return response
            if attempt == 0 and retry:
                self.retried += 1
                await asyncio.sleep(0.5)
        return response

    async def post(self, group: str, body: str, *, retry: bool = False) -> httpx.Response | None:
        return await self.call("POST", "/api/v1/posts/", json={"body": body, "group": group},
                               retry=retry)

    async def group_posts(self, group: str) -> list[dict]:
        """Every post of a group, as the database holds them now."""
        posts, path = [], f"/api/v1/groups/{group}/posts/"
        while path:
            response = await self.client.get(path)
            response.raise_for_status()
            page = response.json()
            posts += [entry.get("post", entry) for entry in page["results"]]
            path = page["next"]
        return posts

    async def close(self) -> None:
        await self.client.aclose()


class LiveFeed:
    """A socket on /ws/ through nginx that comes back after any failure and resumes from
    the last event it saw; it records each post created in one group it is sent."""

    def __init__(self, person: Person, group: str) -> None:
        self.person, self.group = person, group
        self.last_event = 0
        self.posts: list[int] = []
        self.connections = 0
        self.unexpected: list[dict] = []
        self.connected = asyncio.Event()
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)

    @property
    def duplicates(self) -> list[int]:
        return [post for post, times in Counter(self.posts).items() if times > 1]

    async def _run(self) -> None:
        ws_url = self.person.url.replace("http://", "ws://", 1)
        while True:
            try:
                response = await self.person.call("POST", "/api/v1/auth/ws-ticket/")
                if response is None or response.status_code != 200:
                    await asyncio.sleep(0.3)
                    continue
                async with connect(f"{ws_url}/ws/?ticket={response.json()['ticket']}",
                                   open_timeout=10, ping_interval=2, ping_timeout=4) as socket:
                    self.connections += 1
                    if self.last_event:
                        await socket.send(json.dumps({"type": "resume",
                                                      "since": self.last_event}))
                    self.connected.set()
                    async for message in socket:
                        self._take(json.loads(message))
            except TRANSIENT:
                pass
            await asyncio.sleep(0.3)

    def _take(self, frame: dict) -> None:
        if isinstance(frame.get("id"), int):
            self.last_event = max(self.last_event, frame["id"])
            post = (frame.get("data") or {}).get("post") or {}
            if frame["type"] == "post.created" and post.get("group") == self.group:
                self.posts.append(post["id"])
        elif frame.get("type") not in ("resumed", "pong"):
            self.unexpected.append(frame)  # reload, error: the drill fails on them
