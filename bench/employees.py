"""A simulated employee for the ceiling script, after Mattermost's load-test agent: one
websocket held open (subscribed to an open group it watches, resumed after a drop), and
one weighted action after each think time: reading the home feed or a group's feed,
posting in a group, commenting, reacting, searching."""

import asyncio
import json
import random
import time
from collections import deque

import httpx
import websockets

from bench.measurements import Recorder

# Reading outweighs writing, as in any company's feed.
WEIGHTS = {"home_feed": 30, "group_feed": 20, "react": 15, "comment": 10, "search": 10,
           "post": 5}
SEARCH_WORDS = ["python", "vélo", "réunion", "book", "photo", "concert", "cuisine", "design",
                "data", "running", "anglais", "green", "sécurité", "onboarding", "budget"]
REACTIONS = ["like", "love", "celebrate", "insightful"]
PING_EVERY = 30.0
PONG_WITHIN = 10.0


class Employee:
    """One person: `run()` until cancelled; what it measures goes to the recorder."""

    def __init__(self, person: dict, client: httpx.AsyncClient, ws_url: str,
                 recorder: Recorder, think: float, seed: int) -> None:
        self.person = person
        self.client = client
        self.ws_url = ws_url
        self.recorder = recorder
        self.think = think
        self.rng = random.Random(seed)
        self.headers = {"Authorization": f"Bearer {person['token']}"}
        self.posts: deque[int] = deque(maxlen=50)
        self.last_event: int | None = None
        self.connected = asyncio.Event()

    async def run(self) -> None:
        socket = asyncio.create_task(self.hold_socket())
        try:
            await self.connected.wait()
            await asyncio.sleep(self.rng.uniform(0, self.think))  # spread the first actions
            while True:
                await self.act(self.rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0])
                await asyncio.sleep(self.think * self.rng.uniform(0.5, 1.5))
        finally:
            socket.cancel()
            await asyncio.gather(socket, return_exceptions=True)

    async def request(self, action: str, method: str, path: str, **kwargs) -> dict | None:
        """Make one HTTP action and record its latency and outcome; its JSON, or None."""
        started = time.perf_counter()
        try:
            response = await self.client.request(method, path, headers=self.headers, **kwargs)
        except httpx.TimeoutException:
            self.recorder.action(action, time.perf_counter() - started, "timeout")
            return None
        except httpx.HTTPError as error:
            self.recorder.action(action, time.perf_counter() - started,
                                 f"transport:{type(error).__name__}")
            return None
        elapsed = time.perf_counter() - started
        if response.status_code >= 400:
            self.recorder.action(action, elapsed, f"http_{response.status_code}")
            return None
        self.recorder.action(action, elapsed)
        return response.json() if response.content else {}

    def remember(self, post: dict) -> None:
        """Keep a post to comment on or react to later, when the page would offer it:
        company-wide or in one of the person's groups, not locked, not held, not the
        conversation under an announcement (which may have comments off)."""
        if (post.get("group") in (None, *self.person["groups"]) and not post.get("locked")
                and not post.get("moderation") and not post.get("conversation_of")):
            self.posts.append(post["id"])

    def remember_page(self, page: dict | None) -> None:
        for entry in (page or {}).get("results", []):
            if entry.get("type") == "post":
                self.remember(entry["post"])

    async def act(self, action: str) -> None:
        groups = self.person["groups"]
        if action in ("react", "comment") and not self.posts:
            action = "home_feed"  # nothing read yet to answer to
        if action == "home_feed":
            self.remember_page(await self.request(action, "GET", "/api/v1/feed/"))
        elif action == "group_feed":
            slug = self.rng.choice(groups)
            self.remember_page(await self.request(action, "GET",
                                                  f"/api/v1/groups/{slug}/posts/"))
        elif action == "post":
            created = await self.request(action, "POST", "/api/v1/posts/", json={
                "body": f"Load test: what I learned today ({self.rng.randrange(10**6)})",
                "group": self.rng.choice(groups)})
            if created:
                self.remember(created)
        elif action == "comment":
            await self.request(action, "POST",
                               f"/api/v1/posts/{self.rng.choice(self.posts)}/comments/",
                               json={"body": "Thanks, useful!", "parent": None})
        elif action == "react":
            await self.request(action, "POST",
                               f"/api/v1/posts/{self.rng.choice(self.posts)}/reactions/",
                               json={"kind": self.rng.choice(REACTIONS)})
        elif action == "search":
            await self.request(action, "GET", "/api/v1/search/",
                               params={"q": self.rng.choice(SEARCH_WORDS)})

    async def hold_socket(self) -> None:
        """Keep one socket open for as long as the person runs; a socket that closes or
        stops answering pings counts as an error, and is opened again with a resume."""
        while True:
            ticket = await self.request("ws_ticket", "POST", "/api/v1/auth/ws-ticket/")
            if ticket is None:
                self.connected.set()  # the person acts even while their socket is down
                await asyncio.sleep(1)
                continue
            try:
                async with websockets.connect(f"{self.ws_url}?ticket={ticket['ticket']}",
                                              open_timeout=30, max_queue=None) as socket:
                    if self.last_event is not None:
                        await socket.send(json.dumps({"type": "resume",
                                                      "since": self.last_event}))
                    await socket.send(json.dumps({"type": "subscribe",
                                                  "group": self.person["watch"]}))
                    self.connected.set()
                    await self.listen(socket)
            except (OSError, TimeoutError, websockets.InvalidHandshake):
                self.recorder.socket_error("ws_refused")
            except websockets.ConnectionClosed:
                self.recorder.socket_error("ws_dropped")
            except PongMissing:
                self.recorder.socket_error("ws_pong_missing")
            self.connected.set()  # the person acts even while their socket is down
            await asyncio.sleep(1)

    async def listen(self, socket) -> None:
        """Read frames until the socket closes; ping every PING_EVERY seconds and expect
        the pong within PONG_WITHIN."""
        pinged_at: float | None = None
        next_ping = time.monotonic() + self.rng.uniform(0, PING_EVERY)
        while True:
            now = time.monotonic()
            if pinged_at is None and now >= next_ping:
                await socket.send(json.dumps({"type": "ping"}))
                pinged_at = now
            deadline = pinged_at + PONG_WITHIN if pinged_at is not None else next_ping
            try:
                raw = await asyncio.wait_for(socket.recv(), max(0.0, deadline - now))
            except TimeoutError:
                if pinged_at is not None:
                    raise PongMissing from None
                continue
            self.recorder.frame()
            frame = json.loads(raw)
            if frame.get("type") == "pong":
                pinged_at, next_ping = None, time.monotonic() + PING_EVERY
            elif frame.get("type") == "error":
                self.recorder.socket_error(f"ws_error:{frame.get('code')}")
            elif isinstance(frame.get("id"), int):
                self.last_event = max(self.last_event or 0, frame["id"])
                post = (frame.get("data") or {}).get("post")
                if frame.get("type") == "post.created" and isinstance(post, dict):
                    self.remember(post)


class PongMissing(Exception):
    """The server did not answer a ping in time."""
