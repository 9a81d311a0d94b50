"""Live delivery latency of company-wide posts to N sockets, against a floor.

The floor is a bare Channels app on the same ASGI server (uvicorn) and channel layer that
only relays a `group_send` to the same number of sockets. The intranet's run makes real
company-wide posts (database write, event log, permission check per socket). Both print
p50/p99 of the time from the send (or the post) to each socket's receipt, and the ratios.

    deploy/services start && eval "$(deploy/services env)"
    .venv/bin/python bench/delivery_latency.py --clients 100 --layer pubsub
    .venv/bin/python bench/delivery_latency.py --clients 1000 --layer core
"""

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(layer: str) -> None:
    if not os.environ.get("REDIS_URL"):
        sys.exit("REDIS_URL is needed: deploy/services start; eval \"$(deploy/services env)\"")
    sys.path.insert(0, str(ROOT))
    os.environ.update(DEBUG="1", CHANNEL_LAYER=layer, LOG_LEVEL="WARNING",
                      DJANGO_SETTINGS_MODULE="intranet.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="bench-")
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def serve(app: str, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--ws-max-queue", "1024"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def connect_all(urls: list[str]):
    import websockets

    sockets = []
    for start in range(0, len(urls), 50):
        sockets += await asyncio.gather(*[websockets.connect(url, max_queue=None)
                                          for url in urls[start:start + 50]])
    return sockets


async def wait_for_server(url: str) -> None:
    import websockets

    for _ in range(300):
        try:
            async with websockets.connect(url):
                return
        except OSError:
            await asyncio.sleep(0.2)
    raise RuntimeError(f"no server at {url}")


async def collect(socket, expected: int, key, arrivals: dict) -> None:
    """Read frames until this socket has seen `expected` benchmark messages."""
    seen = 0
    while seen < expected:
        frame = json.loads(await socket.recv())
        mark = key(frame)
        if mark is not None:
            arrivals.setdefault(mark, []).append(time.perf_counter())
            seen += 1


def percentiles(latencies: list[float]) -> tuple[float, float]:
    ordered = sorted(latencies)
    return (statistics.median(ordered) * 1000,
            ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000)


async def run_floor(clients: int, messages: int, interval: float) -> list[float]:
    from channels.layers import get_channel_layer

    port = free_port()
    server = serve("bench.bare_app:application", port)
    try:
        url = f"ws://127.0.0.1:{port}/ws/"
        await wait_for_server(url)
        sockets = await connect_all([url] * clients)
        await asyncio.sleep(1)
        layer = get_channel_layer()
        arrivals: dict = {}
        readers = [asyncio.create_task(collect(s, messages + 1, lambda f: f.get("n"), arrivals))
                   for s in sockets]
        sent = {}
        for n in range(-1, messages):  # message -1 warms the path up and is not counted
            sent[n] = time.perf_counter()
            await layer.group_send("company", {"type": "relay",
                                               "text": json.dumps({"n": n})})
            await asyncio.sleep(interval)
        await asyncio.wait_for(asyncio.gather(*readers), 120)
        for socket in sockets:
            await socket.close()
        return [t - sent[n] for n, times in arrivals.items() if n >= 0 for t in times]
    finally:
        server.terminate()
        server.wait()


async def run_intranet(clients: int, messages: int, interval: float) -> list[float]:
    from asgiref.sync import sync_to_async
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from intranet.accounts.services import ws_ticket_issue
    from intranet.feeds.services.posts import post_create

    User = get_user_model()
    author, _ = await sync_to_async(User.objects.get_or_create)(username="bench-author")
    await sync_to_async(author.groups.add)(await sync_to_async(Group.objects.get)(name="HR"))
    reader, _ = await sync_to_async(User.objects.get_or_create)(username="bench-reader")
    port = free_port()
    server = serve("intranet.asgi:application", port)
    try:
        base = f"ws://127.0.0.1:{port}/ws/"
        tickets = [(await sync_to_async(ws_ticket_issue)(user=reader))[0] for _ in range(clients)]
        probe = (await sync_to_async(ws_ticket_issue)(user=reader))[0]
        await wait_for_server(f"{base}?ticket={probe}")
        sockets = await connect_all([f"{base}?ticket={t}" for t in tickets])
        await asyncio.sleep(1)
        arrivals: dict = {}

        def mark(frame):
            if frame.get("type") == "post.created":
                return frame["data"]["post"]["body"]
            return None

        readers = [asyncio.create_task(collect(s, messages + 1, mark, arrivals))
                   for s in sockets]
        sent = {}
        fresh_author = await sync_to_async(User.objects.get)(pk=author.pk)
        for n in range(-1, messages):  # post -1 warms the path up and is not counted
            body = f"bench {time.time()} {n}"
            sent[body] = time.perf_counter()
            await sync_to_async(post_create)(actor=fresh_author, body=body)
            await asyncio.sleep(interval)
        await asyncio.wait_for(asyncio.gather(*readers), 180)
        for socket in sockets:
            await socket.close()
        return [t - sent[body] for body, times in arrivals.items()
                if not body.endswith(" -1") for t in times]
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--layer", choices=["pubsub", "core"], default="pubsub")
    parser.add_argument("--interval", type=float, default=0.5,
                        help="Seconds between messages; give a thousand sockets time.")
    args = parser.parse_args()
    setup(args.layer)
    from django.test import override_settings

    floor = asyncio.run(run_floor(args.clients, args.messages, args.interval))
    with override_settings(WRITE_RATE_LIMITS={}):
        measured = asyncio.run(run_intranet(args.clients, args.messages, args.interval))
    floor_p50, floor_p99 = percentiles(floor)
    p50, p99 = percentiles(measured)
    print(f"layer={args.layer} clients={args.clients} messages={args.messages} "
          f"interval={args.interval}s "
          f"deliveries floor={len(floor)} intranet={len(measured)}")
    print(f"floor    p50 {floor_p50:7.1f} ms  p99 {floor_p99:7.1f} ms")
    print(f"intranet p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
    print(f"ratio    p50 {p50 / floor_p50:5.2f}     p99 {p99 / floor_p99:5.2f}")


if __name__ == "__main__":
    main()
