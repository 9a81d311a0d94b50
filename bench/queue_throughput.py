"""Throughput of the background queue, as a ratio against a floor measured in the same run.

The floor is the least a durable queue must do per job on the same store: write the job,
mark it running, mark it done (three single-row writes in the database, or three commands
in Redis). The ratio says how much the engine (claims with leases, heartbeats, results,
signals) costs on top. Each engine runs the same no-op
task, enqueued through Django's task API, then worked off by one worker until idle:

- `database`: the intranet's database queue (the embedded default);
- `redis`: RQ, as when Redis is configured: the enqueue writes the task outbox and pushes
  the job on commit, and the intranet's RQ worker runs it. Its enqueue alone,
  which is what a web request pays, is also compared with a bare RQ `Queue.enqueue`;
- `django-tasks-db`: django-tasks' own database backend (the django-tasks-db package,
  `pip install -e .[bench]`) and its worker, on the same database and the same floor.

    .venv/bin/python bench/queue_throughput.py                  # SQLite in a temp dir
    eval "$(deploy/services env)" && .venv/bin/python bench/queue_throughput.py --store redis
"""

import argparse
import os
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_tasks.base import Task

ROOT = Path(__file__).resolve().parents[1]
STORES = ("database", "redis", "django-tasks-db")
TASKS_DB_ALIAS = "tasks_db"  # the bench settings' name for django-tasks-db's backend
BARE_QUEUE = "bench-bare-enqueue"


@dataclass(frozen=True)
class Timing:
    """Seconds spent on a number of jobs."""

    seconds: float
    jobs: int

    @property
    def ms_per_job(self) -> float:
        return self.seconds / self.jobs * 1000

    @property
    def per_second(self) -> float:
        return self.jobs / self.seconds

    def ratio(self, floor: "Timing") -> float:
        """How many times the floor's cost per job this one is."""
        return self.ms_per_job / floor.ms_per_job


@dataclass(frozen=True)
class Run:
    """One engine's measures: enqueue-to-done, and enqueue alone."""

    done: Timing
    enqueued: Timing
    exit_lag: float | None = None  # seconds the worker took to exit after the last job


def report(store: str, database: str, floor: Timing, run: Run,
           bare_enqueue: Timing | None = None) -> list[str]:
    """The lines the benchmark prints."""
    lines = [f"store={store} database={database} jobs={run.done.jobs}",
             f"floor:   {floor.ms_per_job:.2f} ms/job",
             f"engine:  {run.done.ms_per_job:.2f} ms/job ({run.done.per_second:.0f} jobs/s, "
             "enqueue to done)",
             f"ratio engine/floor: {run.done.ratio(floor):.1f}",
             f"enqueue: {run.enqueued.ms_per_job:.2f} ms/job (included above)"]
    if bare_enqueue is not None:
        lines += [f"bare RQ Queue.enqueue: {bare_enqueue.ms_per_job:.2f} ms/job",
                  f"ratio enqueue/bare enqueue: {run.enqueued.ratio(bare_enqueue):.1f}"]
    if run.exit_lag is not None:
        lines.append(f"worker exited {run.exit_lag:.1f} s after the last job (not counted)")
    return lines


def setup(store: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DEBUG", "1")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="bench-")
    os.environ["TASK_STORE"] = "redis" if store == "redis" else "database"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = ("bench.tasks_db_settings"
                                            if store == "django-tasks-db"
                                            else "intranet.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    postpone_periodic()


def postpone_periodic() -> None:
    """Keep the intranet's periodic jobs out of the measure: the workers still look for
    due ones, as in production, but none is due during the run."""
    from django.utils import timezone

    from intranet.core.background.periodic import registered
    from intranet.core.models import PeriodicRun

    later = timezone.now() + timedelta(days=1)
    for periodic in registered():
        PeriodicRun.objects.update_or_create(name=periodic.name,
                                             defaults={"next_run_at": later})


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


def bare_rq_enqueue(jobs: int) -> float:
    """RQ's own enqueue of the same task, on a queue of its own that no worker serves."""
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import Queue

    from bench.tasks import noop

    queue = Queue(BARE_QUEUE, connection=django_rq.get_connection("default"), job_class=Job)
    start = time.perf_counter()
    for _ in range(jobs):
        queue.enqueue(noop.module_path)
    elapsed = time.perf_counter() - start
    queue.empty()
    return elapsed


def enqueue(task: "Task", jobs: int) -> tuple[float, list[str]]:
    """Seconds spent enqueueing `jobs` runs of `task`, and their ids."""
    start = time.perf_counter()
    ids = [task.enqueue().id for _ in range(jobs)]
    return time.perf_counter() - start, ids


def check_all_done(jobs: int, succeeded: int) -> None:
    """A worker that skipped or failed jobs would look fast: stop rather than report it."""
    if succeeded != jobs:
        sys.exit(f"{succeeded} of {jobs} job(s) succeeded: the measure is void")


def run_database(jobs: int) -> Run:
    from bench.tasks import noop
    from intranet.core.background.worker import Worker
    from intranet.core.models import Job

    start = time.perf_counter()
    enqueued, ids = enqueue(noop, jobs)
    Worker(queues=["default"]).run(until_idle=True)
    elapsed = time.perf_counter() - start
    rows = Job.objects.filter(pk__in=ids)
    check_all_done(jobs, rows.filter(status="SUCCESSFUL").count())
    rows.delete()
    return Run(done=Timing(elapsed, jobs), enqueued=Timing(enqueued, jobs))


def run_rq(jobs: int) -> Run:
    """RQ's worker as `run_worker --until-idle --queues default` starts it, with its log
    at WARNING so that a line per job does not weigh on the measure. Done is when the last
    job ended: the worker may take longer to exit, which is reported apart."""
    import django_rq
    from django_tasks import task_backends
    from django_tasks_rq.backend import Job
    from rq.job import JobStatus

    from bench.tasks import noop
    from intranet.core.background.rq_worker import IntranetWorker

    start = time.time()
    enqueued, ids = enqueue(noop, jobs)
    worker = IntranetWorker([django_rq.get_queue("default", job_class=Job)],
                            connection=django_rq.get_connection("default"), job_class=Job,
                            backend=task_backends["default"])
    worker.work(burst=True, with_scheduler=True, logging_level="WARNING")
    stopped = time.time()
    finished = [job for job in Job.fetch_many(ids, connection=worker.connection)
                if job is not None and job.get_status() == JobStatus.FINISHED]
    check_all_done(jobs, len(finished))
    last = max(job.ended_at.timestamp() for job in finished)
    return Run(done=Timing(last - start, jobs), enqueued=Timing(enqueued, jobs),
               exit_lag=stopped - last)


def run_tasks_db(jobs: int) -> Run:
    """django-tasks-db's worker as `db_worker --batch --interval 0 --no-startup-delay`."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from bench.tasks import noop

    start = time.perf_counter()
    enqueued, ids = enqueue(noop.using(backend=TASKS_DB_ALIAS), jobs)
    Worker(queue_names=["default"], interval=0, batch=True, backend_name=TASKS_DB_ALIAS,
           startup_delay=False, max_tasks=None, worker_id=uuid.uuid4().hex,
           excluded_queue_names=[]).run()
    elapsed = time.perf_counter() - start
    rows = DBTaskResult.objects.filter(pk__in=ids)
    check_all_done(jobs, rows.filter(status="SUCCESSFUL").count())
    rows.delete()
    return Run(done=Timing(elapsed, jobs), enqueued=Timing(enqueued, jobs))


ENGINES = {"database": run_database, "redis": run_rq, "django-tasks-db": run_tasks_db}


def measure(store: str, jobs: int) -> tuple[Timing, Run]:
    floor = floor_redis if store == "redis" else floor_database
    engine = ENGINES[store]
    floor(20), engine(20)  # warm up connections and imports
    return Timing(floor(jobs), jobs), engine(jobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=STORES, default="database")
    parser.add_argument("--jobs", type=int, default=500)
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    setup(args.store)
    from django.db import connection

    floor, run = measure(args.store, args.jobs)
    bare = None
    if args.store == "redis":
        bare_rq_enqueue(20)
        bare = Timing(bare_rq_enqueue(args.jobs), args.jobs)
    # A worker that closes its connection between jobs (CONN_MAX_AGE=0, the default, for
    # django-tasks-db's) reconnects for each job: the setting is part of the result.
    database = f"{connection.vendor} conn_max_age={connection.settings_dict['CONN_MAX_AGE']}"
    print("\n".join(report(args.store, database, floor, run, bare)))


if __name__ == "__main__":
    main()
