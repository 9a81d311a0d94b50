"""Fault drills on a real cluster (deploy/cluster: PostgreSQL, Redis, OpenSearch, two web
processes and two workers behind nginx): a piece fails or restarts while people use the
site, and nothing is lost. Each drill prints what it did and what it counted."""

import asyncio
import logging
import os
import random
import signal
import string
import time
from collections import Counter
from contextlib import asynccontextmanager

import pytest

from tests.deploy.drill_clients import LiveFeed, Person, unique
from tests.deploy.drill_cluster import Cluster, established, new_cluster, start
from tests.waiting import wait_for

PASSWORD = "demo"  # seed_demo's, as `make run` loads it
POSTERS = 4  # each posts well under the per-person rate limit
SETTLE = 45.0  # how long live feeds may take to catch up once the fault is over
# The outbox is drained on a back-off and by a periodic job every 30 s.
INDEX_DRAIN = 240.0


@pytest.fixture(scope="module", autouse=True)
def quiet_http_client_log():
    """One log line per request would bury the drills' results."""
    logger = logging.getLogger("httpx")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)


@pytest.fixture(scope="module")
def cluster():
    cluster = new_cluster()
    try:
        started = time.monotonic()
        start(cluster)
        print(f"\ncluster: started in {time.monotonic() - started:.0f} s at {cluster.url}")
        yield cluster
    finally:
        cluster.run("stop")


@pytest.fixture(scope="module")
def tokens(cluster) -> dict[str, str]:
    """Bearer tokens of demo employees: the CEO, who may create groups, and the first
    people of the directory (signed in once: the token endpoint is rate limited)."""
    async def sign_in() -> dict[str, str]:
        ceo = await Person.sign_in(cluster.url, "ceo", PASSWORD)
        response = await ceo.call("GET", "/api/v1/people/")
        usernames = [person["username"] for person in response.json()["results"]
                     if not person.get("is_official") and person["username"] != "ceo"]
        people = [ceo] + [await Person.sign_in(cluster.url, username, PASSWORD)
                          for username in usernames[:POSTERS - 1]]
        for person in people:
            await person.close()
        return {person.username: person.token for person in people}
    return asyncio.run(sign_in())


@asynccontextmanager
async def drill_group(cluster: Cluster, tokens: dict[str, str], name: str, *, feeds: int = 2):
    """A new open group that every drill person has joined, and `feeds` live feeds of
    each of them, connected and past a first post (so each has a position to resume
    from)."""
    people = [Person(cluster.url, username, token) for username, token in tokens.items()]
    response = await people[0].call("POST", "/api/v1/groups/", json={
        "name": unique(name), "visibility": "open", "description": "Fault drill"})
    assert response.status_code == 201, response.text
    slug = response.json()["slug"]
    for person in people[1:]:
        joined = await person.call("POST", f"/api/v1/groups/{slug}/join/")
        assert joined.status_code == 201, joined.text
    live = [LiveFeed(person, slug) for person in people for _ in range(feeds)]
    for feed in live:
        feed.start()
    try:
        await asyncio.wait_for(asyncio.gather(*(feed.connected.wait() for feed in live)), 30)
        first = await people[0].post(slug, unique("Before the drill"))
        assert first.status_code == 201, first.text
        await converge(live, {first.json()["id"]})
        yield slug, people, live
    finally:
        for feed in live:
            await feed.stop()
        for person in people:
            await person.close()


def test_the_cluster_lists_its_processes_and_starts_once(cluster):
    assert len(cluster.pids("web")) == len(cluster.settings["WEB_PORTS"].split())
    assert len(cluster.pids("worker")) == int(cluster.settings["WORKERS"])
    assert len(cluster.pids("nginx")) == 1
    again = cluster.run("start").strip().splitlines()
    assert again == [f"URL={cluster.url}"]


async def converge(live: list[LiveFeed], expected: set[int], within: float = SETTLE) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if all(set(feed.posts) >= expected for feed in live):
            return
        await asyncio.sleep(0.2)


class Posting:
    """People posting in turn in a group, about `rate` posts a second, until stopped;
    each post's answer is kept (None: the connection failed)."""

    def __init__(self, people: list[Person], slug: str, label: str, rate: float = 4.0,
                 retry: bool = False) -> None:
        self.people, self.slug, self.label = people, slug, label
        self.rate, self.retry = rate, retry
        self.answers: list = []
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        turn = 0
        while True:
            person = self.people[turn % len(self.people)]
            self.answers.append(await person.post(self.slug, unique(self.label),
                                                  retry=self.retry))
            turn += 1
            await asyncio.sleep(1 / self.rate)

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)

    @property
    def created(self) -> set[int]:
        return {answer.json()["id"] for answer in self.answers
                if answer is not None and answer.status_code == 201}

    @property
    def refused(self) -> list:
        return [None if answer is None else answer.status_code for answer in self.answers
                if answer is None or answer.status_code != 201]


async def check_every_post_arrived_once(people: list[Person], slug: str,
                                        live: list[LiveFeed], posting: Posting) -> set[int]:
    """Every post the database holds for the group (and every one acknowledged) reached
    every live feed exactly once."""
    stored = {post["id"] for post in await people[0].group_posts(slug)}
    assert posting.created <= stored, "a post acknowledged with 201 is missing"
    await converge(live, stored)
    for feed in live:
        assert not feed.duplicates, f"{feed.person.username} got posts twice: {feed.duplicates}"
        assert set(feed.posts) == stored, (
            f"{feed.person.username} missed {sorted(stored - set(feed.posts))}")
        assert not feed.unexpected, feed.unexpected
    return stored


async def test_killing_a_web_process_loses_no_post_on_open_sockets(cluster, tokens):
    async with drill_group(cluster, tokens, "Drill kill web") as (slug, people, live):
        ports = cluster.settings["WEB_PORTS"].split()
        pids = cluster.pids("web")
        # The process holding the most sockets (nginx spreads them over both).
        sockets = [established(port) for port in map(int, ports)]
        victim = max(range(len(ports)), key=sockets.__getitem__)
        assert sockets[victim] > 0
        posting = Posting(people, slug, "Posted around a killed web process")
        await asyncio.sleep(2)
        os.kill(pids[victim], signal.SIGKILL)
        await asyncio.sleep(5)
        await asyncio.to_thread(cluster.run, "restart", "web", str(victim + 1))
        await asyncio.sleep(2)
        await posting.stop()
        stored = await check_every_post_arrived_once(people, slug, live, posting)
        reconnected = sum(feed.connections > 1 for feed in live)
        assert reconnected >= sockets[victim]
    print(f"\ndrill kill web: killed web {victim + 1} (pid {pids[victim]}) holding "
          f"{sockets[victim]} of {len(live)} sockets; {reconnected} feeds reconnected and "
          f"resumed; {len(stored)} posts, each delivered once to all {len(live)} feeds; "
          f"{len(posting.refused)} posts refused {posting.refused}")
    assert len(cluster.pids("web")) == len(ports)


async def test_restarting_redis_loses_no_post_on_open_sockets(cluster, tokens):
    async with drill_group(cluster, tokens, "Drill restart Redis") as (slug, people, live):
        posting = Posting(people, slug, "Posted around a Redis restart")
        await asyncio.sleep(2)
        await asyncio.to_thread(cluster.service, "stop", "redis")
        await asyncio.sleep(3)
        await asyncio.to_thread(cluster.service, "start", "redis")
        await asyncio.sleep(4)
        await posting.stop()
        stored = await check_every_post_arrived_once(people, slug, live, posting)
    print(f"\ndrill restart redis: stopped Redis for about 3 s; {len(stored)} posts stored, "
          f"each delivered once to all {len(live)} feeds "
          f"({sum(feed.connections - 1 for feed in live)} reconnections); "
          f"{len(posting.refused)} posts refused while it was down {posting.refused}")
    assert not [status for status in posting.refused if status == 500], posting.refused


async def test_search_engine_down_then_back_loses_no_index_entry(cluster, tokens):
    word = "quokka" + "".join(random.choices(string.ascii_lowercase, k=8))
    async with drill_group(cluster, tokens, "Drill search down", feeds=0) as (
            slug, people, _live):
        await asyncio.to_thread(cluster.service, "stop", "opensearch")
        stopped = time.monotonic()
        try:
            posts, waiting = await write_while_search_is_down(cluster, people, slug, word)
        finally:
            await asyncio.to_thread(cluster.service, "start", "opensearch")
        down_for = time.monotonic() - stopped
        back = time.monotonic()
        found: set[int] = set()
        while time.monotonic() - back < INDEX_DRAIN and found != set(posts):
            await asyncio.sleep(3)
            response = await people[1].call("GET", "/api/v1/search/",
                                            params={"q": word, "type": "post"})
            if response.status_code == 200:
                found = {hit["id"] for hit in response.json()["results"]}
        drained_in = time.monotonic() - back
        assert found == set(posts), f"not found by search: {sorted(set(posts) - found)}"
        assert await asyncio.to_thread(outbox_rows, cluster, posts) == 0
    print(f"\ndrill search down: OpenSearch stopped for {down_for:.0f} s; {len(posts)} posts "
          f"accepted meanwhile, search answered 503 search_unavailable, the outbox held "
          f"{waiting} rows for them; all {len(posts)} found by search {drained_in:.0f} s after "
          f"the engine was back, outbox empty")


async def write_while_search_is_down(cluster: Cluster, people: list[Person], slug: str,
                                     word: str) -> tuple[list[int], int]:
    """Posts are accepted, search says it is unavailable, the outbox keeps the posts; the
    posts' ids and the outbox rows waiting for them."""
    answers = [await people[n % len(people)].post(slug, f"Note {n} about {word}")
               for n in range(12)]
    assert [answer.status_code for answer in answers] == [201] * len(answers)
    posts = [answer.json()["id"] for answer in answers]
    meanwhile = await people[1].call("GET", "/api/v1/search/", params={"q": word})
    assert meanwhile.status_code == 503, meanwhile.text
    assert meanwhile.json()["error"]["code"] == "search_unavailable"
    assert meanwhile.json()["error"]["message"]
    waiting = await asyncio.to_thread(outbox_rows, cluster, posts)
    assert waiting == len(posts)
    return posts, waiting


def outbox_rows(cluster: Cluster, posts: list[int]) -> int:
    """The search outbox's rows waiting for these posts, read from the cluster's
    database."""
    return int(cluster.manage("shell", "-c", (
        "from intranet.search.models import IndexOutbox; "
        f"print(IndexOutbox.objects.filter(kind='post', object_id__in={posts!r}).count())"
    )).split()[-1])


class Reading:
    """People reading the group's feed in turn, retrying once like Posting(retry=True)."""

    def __init__(self, people: list[Person], slug: str, rate: float = 8.0) -> None:
        self.people, self.slug, self.rate = people, slug, rate
        self.statuses: list = []
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        turn = 0
        while True:
            answer = await self.people[turn % len(self.people)].call(
                "GET", f"/api/v1/groups/{self.slug}/posts/", retry=True)
            self.statuses.append(None if answer is None else answer.status_code)
            turn += 1
            await asyncio.sleep(1 / self.rate)

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


async def test_a_rolling_restart_under_load_loses_no_retried_request(cluster, tokens):
    async with drill_group(cluster, tokens, "Drill rolling restart", feeds=0) as (
            slug, people, _live):
        label = "Posted during a rolling restart"
        posting = Posting(people, slug, label, rate=3.0, retry=True)
        reading = Reading(people, slug)
        before = cluster.pids("web")
        await asyncio.sleep(2)
        for number in range(1, len(before) + 1):
            await asyncio.to_thread(cluster.run, "restart", "web", str(number))
        await asyncio.sleep(2)
        await posting.stop()
        await reading.stop()
        after = cluster.pids("web")
        stored = [post for post in await people[0].group_posts(slug)
                  if post["body"].startswith(label)]
        retried = sum(person.retried for person in people)
        assert not set(before) & set(after), "every web process was restarted"
        assert posting.refused == [], f"posts lost despite a retry: {posting.refused}"
        assert [status for status in reading.statuses if status != 200] == []
        twice = [body for body, times in Counter(p["body"] for p in stored).items() if times > 1]
        assert twice == [], f"posts stored twice: {twice}"
        assert {post["id"] for post in stored} == posting.created
    print(f"\ndrill rolling restart: restarted {len(before)} web processes one at a time "
          f"under load; {len(posting.answers)} posts and {len(reading.statuses)} reads, "
          f"{retried} retried once; every post stored exactly once ({len(stored)}), no "
          f"request lost")


def test_killing_a_worker_mid_job_runs_the_job_again_once(cluster, tmp_path):
    log = tmp_path / "log"
    workers = cluster.pids("worker")
    cluster.manage("shell", "-c", "from tests.core import tasks; "
                   f"tasks.note_worker_then_sleep.enqueue({str(log)!r}, 5)")
    started = wait_for(lambda: log.exists() and log.read_text().strip(), "the job to start")
    victim = int(started.split()[1])
    assert victim in workers
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    while "done" not in log.read_text():
        assert time.monotonic() < killed_at + 180, f"the job never ran again: {log.read_text()}"
        time.sleep(0.5)
    again = time.monotonic() - killed_at
    time.sleep(7)  # long enough for a surviving first run to finish, if one did
    first, second, done = log.read_text().splitlines()
    assert first == f"started {victim}"
    assert second.startswith("started ") and second != first
    assert done == "done"
    cluster.run("restart", "worker", str(workers.index(victim) + 1))
    assert len(cluster.pids("worker")) == len(workers)
    print(f"\ndrill kill worker: killed worker {victim} in the middle of a 5 s job; another "
          f"worker ran it again, once, finished {again:.0f} s after the kill")
