"""Throughput of the background queue, as a ratio against a floor measured in the same run.

The floor is the least a durable queue must do per job on the same store: write the job,
mark it running, mark it done (three single-row writes in the database, or three commands
in Redis). The ratio says how much the engine (claims with leases, heartbeats, results,
signals) costs on top. Run on the embedded default, or on the full stack:

    .venv/bin/python bench/queue_throughput.py                  # SQLite in a temp dir
    eval "$(deploy/services env)" && .venv/bin/python bench/queue_throughput.py --store redis
"""

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(store: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DEBUG", "1")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="bench-")
    os.environ["TASK_STORE"] = store
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def floor_database(jobs: int) -> float:
    from django.utils import timezone

    from intranet.core.models import Job

    start = time.perf_counter()
    for _ in range(jobs):
        job = Job.objects.create(id=uuid.uuid4(), task_path="bench.floor",
                                 run_after=timezone.now())
        Job.objects.filter(pk=job.pk).update(status="RUNNING")
        Job.objects.filter(pk=job.pk).update(status="SUCCESSFUL")
    elapsed = time.perf_counter() - start
    Job.objects.filter(task_path="bench.floor").delete()
    return elapsed


def floor_redis(jobs: int) -> float:
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(settings.REDIS_URL)
    start = time.perf_counter()
    for n in range(jobs):
        client.set(f"bench:floor:{n}", "{}")
        client.zadd("bench:floor:queue", {str(n): n})
        client.zrem("bench:floor:queue", str(n))
    elapsed = time.perf_counter() - start
    client.delete(*[f"bench:floor:{n}" for n in range(jobs)], "bench:floor:queue")
    return elapsed


def engine(jobs: int) -> float:
    from bench.tasks import noop
    from intranet.core.background.worker import Worker

    start = time.perf_counter()
    for _ in range(jobs):
        noop.enqueue()
    Worker(queues=["default"], periodic_interval=3600).run(until_idle=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["database", "redis"], default="database")
    parser.add_argument("--jobs", type=int, default=500)
    args = parser.parse_args()
    setup(args.store)
    from django.db import connection

    floor = floor_database if args.store == "database" else floor_redis
    floor(20), engine(20)  # warm up connections and imports
    base, measured = floor(args.jobs), engine(args.jobs)
    print(f"store={args.store} database={connection.vendor} jobs={args.jobs}")
    print(f"floor:  {base / args.jobs * 1000:.2f} ms/job")
    print(f"engine: {measured / args.jobs * 1000:.2f} ms/job "
          f"({args.jobs / measured:.0f} jobs/s, enqueue to done)")
    print(f"ratio engine/floor: {measured / base:.1f}")


if __name__ == "__main__":
    main()
