"""RQ's worker, running jobs in its own process, with the guarantees the suite's jobs rely on.

- Jobs run in the worker itself, as on the database queue, not in a process forked for
  each: a job then finds the database connection, the search engine's client, compiled
  templates and translations where the last one left them. Forking for each job cost
  twelve times the CPU under the ceiling's load (docs/scaling.md).
- A silent worker's job is handed back after the lease (`TASK_LEASE_SECONDS`): a thread
  renews the job's heartbeat while it runs, and RQ finds it abandoned once the heartbeat
  expires and runs it again if it has attempts left. A killed worker takes its job with
  it, so nothing finishes it behind the retry's back; RQ's scheduler process asks the
  kernel for SIGKILL when its worker dies.
- Every second or so the worker enqueues the periodic jobs that are due (claimed in the
  database, so once per period however many workers run) and sweeps the task outbox.
"""

import ctypes
import logging
import os
import signal
import threading
import time
from typing import Any

import redis
from django.db import connections
from rq import SimpleWorker
from rq.defaults import DEFAULT_LOGGING_DATE_FORMAT, DEFAULT_LOGGING_FORMAT
from rq.executions import Execution
from rq.job import Job
from rq.queue import Queue
from rq.scheduler import RQScheduler
from rq.worker import WorkerStatus

from intranet.core.background.periodic import enqueue_due
from intranet.core.background.worker import tidy_connections

logger = logging.getLogger("intranet.worker")

PR_SET_PDEATHSIG = 1
PERIODIC_INTERVAL = 1.0


def die_with_parent(parent_pid: int) -> None:
    """Linux: be killed when the worker that forked us dies, however it dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(1)


class WorkerScheduler(RQScheduler):
    """RQ's scheduler process (deferred jobs, retries after a delay), gone with its worker."""

    parent_pid = 0

    def work(self) -> None:
        die_with_parent(self.parent_pid)
        super().work()


class JobHeartbeat(threading.Thread):
    """Renews the running job's heartbeat (and the worker's) until told to stop."""

    def __init__(self, worker: "IntranetWorker", job: Job, execution: Execution) -> None:
        super().__init__(daemon=True, name=f"heartbeat-{job.id}")
        self.worker, self.job, self.execution = worker, job, execution
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.worker.job_monitoring_interval):
            try:
                self.worker.maintain_heartbeats(self.job, self.execution)
            except redis.RedisError:
                logger.warning("Job %s: heartbeat not renewed, Redis is away", self.job.id)


class IntranetWorker(SimpleWorker):
    def __init__(self, *args: Any, backend: Any, **kwargs: Any) -> None:
        self.backend = backend
        self.lease_seconds = max(2, int(backend.policy.lease_seconds))
        check = max(1, self.lease_seconds // 4)
        # The dequeue wait is worker_ttl - 15 s: one second, so that periodic jobs and the
        # outbox are looked at every second even when the queues are empty.
        super().__init__(*args, job_monitoring_interval=check, maintenance_interval=check,
                         worker_ttl=16, **kwargs)
        self._last_periodic = 0.0
        self.stop_asked = False

    def request_stop(self, signum: int, frame: Any) -> None:
        """SIGTERM or Ctrl-C: finish the job at hand, then leave for good."""
        self.stop_asked = True
        super().request_stop(signum, frame)

    def subscribe(self) -> None:
        """RQ's command channel, listened to in a thread that wakes every second (RQ's
        wakes every minute, and stopping waits for it)."""
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(
            sleep_time=1, daemon=True, exception_handler=self._pubsub_exception_handler)

    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        return self.lease_seconds

    @property
    def should_run_maintenance_tasks(self) -> bool:
        """Every second for periodic jobs, RQ's rounds as RQ has them; none once stopping,
        so that RQ's scheduler is not started again behind a worker on its way out."""
        if self.stop_asked:
            return False
        return (time.monotonic() - self._last_periodic >= PERIODIC_INTERVAL
                or super().should_run_maintenance_tasks)

    def run_maintenance_tasks(self) -> None:
        if time.monotonic() - self._last_periodic >= PERIODIC_INTERVAL:
            self._last_periodic = time.monotonic()
            self.enqueue_periodic_and_sweep()
        if super().should_run_maintenance_tasks:
            super().run_maintenance_tasks()

    def enqueue_periodic_and_sweep(self) -> None:
        try:
            for name in enqueue_due():
                logger.info("Periodic job %s enqueued", name)
            if swept := self.backend.sweep_outbox():
                logger.warning("Pushed %s job(s) left in the outbox", swept)
        except Exception:
            # The database or Redis is usually back in a moment; jobs keep running meanwhile.
            logger.exception("Worker %s could not enqueue periodic jobs", self.name)
            connections.close_all()

    def _start_scheduler(self, burst: bool = False, logging_level: str | None = "INFO",
                         date_format: str = DEFAULT_LOGGING_DATE_FORMAT,
                         log_format: str = DEFAULT_LOGGING_FORMAT) -> None:
        """RQ's own, with a scheduler that dies with the worker and holds no connection of
        the worker's database."""
        connections.close_all()
        self.scheduler = WorkerScheduler(
            self.queues, connection=self.connection, serializer=self.serializer,
            logging_level=logging_level or self.log.level, date_format=date_format,
            log_format=log_format)
        self.scheduler.parent_pid = os.getpid()
        self.scheduler.acquire_locks()
        if not self.scheduler.acquired_locks:
            return
        if not burst:
            self.scheduler.start()
            return
        try:
            self.scheduler.register_birth()
            self.scheduler.enqueue_scheduled_jobs()
        finally:
            self.scheduler.release_locks()
            self.scheduler.register_death()

    def execute_job(self, job: Job, queue: Queue) -> None:
        execution = self.prepare_execution(job)
        heartbeat = JobHeartbeat(self, job, execution)
        tidy_connections()
        heartbeat.start()
        try:
            self.perform_job(job, queue, execution)
        finally:
            heartbeat.stopped.set()
            heartbeat.join()
            tidy_connections()
        self.set_state(WorkerStatus.IDLE)
