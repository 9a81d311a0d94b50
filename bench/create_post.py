"""Posting under load: `POST /api/v1/posts/` with many people posting at once in their own
groups, against a plain authenticated read (`GET /api/v1/me/`) in the same run.

Creates P people, each the owner of a group of their own, serves the intranet with
uvicorn (W worker processes) on PostgreSQL and Redis, then runs, at each concurrency,
a read phase, a write phase and a read phase again, each of `--rounds` requests per
client. Prints p50 and p99 of each, and the ratios of writes to reads.

    deploy/services start && eval "$(deploy/services env)"
    .venv/bin/python bench/create_post.py --concurrency 100 200
"""

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOG = Path(tempfile.gettempdir()) / "bench-create-post-server.log"
POOL = 40  # connections per web process, as an operator would size it


def setup() -> None:
    if not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL", "").startswith(
            "postgres")):
        sys.exit("PostgreSQL and Redis are needed: deploy/services start; "
                 'eval "$(deploy/services env)"')
    sys.path.insert(0, str(ROOT))
    # No rate limit: each person posts far faster than any person would.
    os.environ.update(DEBUG="1", LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="intranet.settings",
                      POST_RATE_LIMITS="1000000/min", SEARCH_URL="db",
                      SECRET_KEY="bench-only",  # noqa: S106 (a throwaway database)
                      ALLOWED_HOSTS="127.0.0.1")
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    import django

    django.setup()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)


def people_and_tokens(count: int) -> list[tuple[str, str]]:
    """(token, group slug) for each poster, created once and kept between runs."""
    from django.contrib.auth import get_user_model

    from intranet.accounts.services import token_create
    from intranet.groups.services import group_create

    User = get_user_model()
    posters = []
    for n in range(count):
        user, _created = User.objects.get_or_create(username=f"poster{n}",
                                                   defaults={"display_name": f"Poster {n}"})
        group = user.memberships.select_related("group").first()
        slug = group.group.slug if group else group_create(actor=user, name=f"Team {n}").slug
        _token, plaintext = token_create(user=user, name="bench")
        posters.append((plaintext, slug))
    return posters


def serve(workers: int, port: int) -> subprocess.Popen:
    from django.db import connection

    db = connection.settings_dict
    database_url = (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/"
                    f"{db['NAME']}")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "intranet.asgi:application", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--log-level", "warning",
         "--timeout-keep-alive", "300"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT),
                       # As operators run it (DEBUG would keep every query in memory).
                       "DEBUG": "0", "DATABASE_POOL_SIZE": str(POOL)},
        stdout=subprocess.DEVNULL, stderr=open(LOG, "w"))  # noqa: SIM115
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2):
                return process
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                sys.exit("the server did not start")
            time.sleep(0.3)


async def phase(base: str, posters, concurrency: int, rounds: int, write: bool) -> list[float]:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    samples: list[float] = []
    failures = 0
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        async def one(token: str, slug: str, n: int) -> None:
            nonlocal failures
            headers = {"Authorization": f"Bearer {token}"}
            for round_ in range(rounds):
                start = time.perf_counter()
                if write:
                    response = await client.post("/api/v1/posts/", headers=headers, json={
                        "body": f"Update {n}.{round_} for the @group", "group": slug})
                else:
                    response = await client.get("/api/v1/me/", headers=headers)
                samples.append(time.perf_counter() - start)
                failures += response.status_code >= 400
        await asyncio.gather(*(one(token, slug, n)
                               for n, (token, slug) in enumerate(posters[:concurrency])))
    if failures:
        sys.exit(f"{failures} requests failed; the server's log: {LOG}")
    return samples


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return (statistics.median(ordered) * 1000,
            ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[100, 200])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    setup()
    posters = people_and_tokens(max(args.concurrency))
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = serve(args.workers, port)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(phase(base, posters, 20, 2, write=False))  # warm up every worker
        print(f"workers={args.workers} rounds={args.rounds} cpus={os.cpu_count()}")
        for concurrency in args.concurrency:
            reads = asyncio.run(phase(base, posters, concurrency, args.rounds, write=False))
            writes = asyncio.run(phase(base, posters, concurrency, args.rounds, write=True))
            reads += asyncio.run(phase(base, posters, concurrency, args.rounds, write=False))
            floor, measured = percentiles(reads), percentiles(writes)
            print(f"concurrency {concurrency:4d}: GET /me/ p50 {floor[0]:7.1f} ms "
                  f"p99 {floor[1]:7.1f} ms | POST /posts/ p50 {measured[0]:7.1f} ms "
                  f"p99 {measured[1]:7.1f} ms | ratio p50 {measured[0] / floor[0]:4.2f} "
                  f"p99 {measured[1] / floor[1]:4.2f}", flush=True)
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
