"""RQ's forking worker, with the guarantees the suite's jobs rely on.

- A job dies with its worker: the work horse (and RQ's scheduler process) asks the kernel
  for SIGKILL when its parent dies, so a killed worker never leaves a job running unseen
  beside the retry of it.
- A silent worker's job is handed back after the lease (`TASK_LEASE_SECONDS`): RQ finds it
  abandoned once its heartbeat expires and runs it again if it has attempts left.
- Every second or so the worker enqueues the periodic jobs that are due (claimed in the
  database, so once per period however many workers run) and sweeps the task outbox.
"""

import ctypes
import logging
import os
import signal
import time
from typing import Any

from django.db import connections
from rq import Worker
from rq.defaults import DEFAULT_LOGGING_DATE_FORMAT, DEFAULT_LOGGING_FORMAT
from rq.job import Job
from rq.queue import Queue
from rq.scheduler import RQScheduler

from intranet.core.background.periodic import enqueue_due

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


class IntranetWorker(Worker):
    def __init__(self, *args: Any, backend: Any, **kwargs: Any) -> None:
        self.backend = backend
        self.lease_seconds = max(2, int(backend.lease_seconds))
        check = max(1, self.lease_seconds // 4)
        # The dequeue wait is worker_ttl - 15 s: one second, so that periodic jobs and the
        # outbox are looked at every second even when the queues are empty.
        super().__init__(*args, job_monitoring_interval=check, maintenance_interval=check,
                         worker_ttl=16, **kwargs)
        self._parent_pid = os.getpid()
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

    def fork_work_horse(self, job: Job, queue: Queue) -> None:
        # The horse opens its own database connections; sharing the parent's would mix
        # two processes' traffic on one socket.
        connections.close_all()
        super().fork_work_horse(job, queue)

    def main_work_horse(self, job: Job, queue: Queue) -> None:
        die_with_parent(self._parent_pid)
        super().main_work_horse(job, queue)

    def perform_job(self, job: Job, queue: Queue, *args: Any, **kwargs: Any) -> bool:
        try:
            return super().perform_job(job, queue, *args, **kwargs)
        finally:
            if self._is_horse:
                connections.close_all()
