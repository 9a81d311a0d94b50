"""The worker: claims jobs, runs them under a renewed lease, retries failures with back-off,
hands back the jobs of dead workers and starts periodic jobs."""

import json
import logging
import os
import random
import socket
import threading
import time
import uuid
from datetime import timedelta
from typing import Any

from django.db import connections
from django.utils import timezone
from django_tasks import TaskContext, TaskResultStatus, task_backends
from django_tasks.signals import task_finished, task_started
from django_tasks.utils import get_exception_traceback, get_module_path

from intranet.core.background.backend import QueueBackend
from intranet.core.background.periodic import enqueue_due
from intranet.core.background.records import JobRecord

logger = logging.getLogger("intranet.worker")


def tidy_connections() -> None:
    """Drop broken database connections between jobs but keep healthy ones.

    CONN_MAX_AGE is a setting for requests; a worker that reconnected for every job
    would spend more time connecting than working.
    """
    for conn in connections.all(initialized_only=True):
        conn.close_at = None
        conn.close_if_unusable_or_obsolete()


def backoff_delay(backend: QueueBackend, attempt: int) -> float:
    """Exponential back-off with a little jitter so that retries do not stampede."""
    return backend.policy.delay(attempt) * random.uniform(1.0, 1.1)


class Heartbeat(threading.Thread):
    """Renews the lease of the running job until told to stop."""

    def __init__(self, backend: QueueBackend, job: JobRecord, worker_id: str) -> None:
        super().__init__(daemon=True, name=f"heartbeat-{job.id}")
        self.backend, self.job, self.worker_id = backend, job, worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        lease = timedelta(seconds=self.backend.policy.lease_seconds)
        try:
            while not self.stopped.wait(self.backend.policy.lease_seconds / 3):
                if not self.backend.store.renew(self.job.id, self.worker_id, lease):
                    logger.warning("Job %s: lease lost", self.job.id)
                    return
        finally:
            connections.close_all()


class Worker:
    def __init__(self, *, queues: list[str], backend_alias: str = "default",
                 poll_interval: float = 0.5, recover_interval: float = 5.0,
                 periodic_interval: float = 1.0) -> None:
        backend = task_backends[backend_alias]
        if not isinstance(backend, QueueBackend):
            raise TypeError(f"Task backend {backend_alias!r} is not the intranet's queue backend")
        self.backend = backend
        self.queues = queues
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.poll_interval = poll_interval
        self.recover_interval = recover_interval
        self.periodic_interval = periodic_interval
        self.stopping = False
        self._last_recover = 0.0
        self._last_periodic = 0.0

    def stop(self, *_: Any) -> None:
        """Finish the job at hand, then exit."""
        self.stopping = True

    def run(self, *, max_jobs: int | None = None, until_idle: bool = False) -> int:
        logger.info("Worker %s serving queues %s", self.worker_id, ", ".join(self.queues))
        done = 0
        while not self.stopping and (max_jobs is None or done < max_jobs):
            tidy_connections()
            try:
                self.housekeeping()
                job = self.backend.store.claim(
                    queues=self.queues, worker_id=self.worker_id,
                    lease=timedelta(seconds=self.backend.policy.lease_seconds))
            except Exception:
                # A locked or lost database or queue store is usually back in a moment;
                # the worker waits for it rather than stopping every job behind it.
                logger.exception("Worker %s could not reach its queue; trying again",
                                 self.worker_id)
                time.sleep(self.poll_interval)
                continue
            if job is None:
                if until_idle:
                    break
                time.sleep(self.poll_interval)
                continue
            self.execute(job)
            done += 1
        return done

    def housekeeping(self) -> None:
        now = time.monotonic()
        if now - self._last_recover >= self.recover_interval:
            self._last_recover = now
            if recovered := self.backend.store.recover():
                logger.warning("Handed back %s job(s) of stopped workers", recovered)
        if now - self._last_periodic >= self.periodic_interval:
            self._last_periodic = now
            for name in enqueue_due():
                logger.info("Periodic job %s enqueued", name)

    def execute(self, job: JobRecord) -> None:
        heartbeat = Heartbeat(self.backend, job, self.worker_id)
        heartbeat.start()
        result = job.to_result()
        try:
            task = job.task
            task_started.send(type(self.backend), task_result=result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=result), *job.args, **job.kwargs)
            else:
                value = task.call(*job.args, **job.kwargs)
            json.dumps(value)
        except Exception as error:
            heartbeat.stopped.set()
            self._failed(job, error)
        else:
            heartbeat.stopped.set()
            self.backend.store.finish(job, self.worker_id, status=TaskResultStatus.SUCCESSFUL,
                                      return_value=value)
            logger.info("Job %s (%s) succeeded", job.id, job.task_path)
            self._signal_finished(job)
        finally:
            heartbeat.join()
            tidy_connections()

    def _failed(self, job: JobRecord, error: Exception) -> None:
        details = {"exception_class_path": get_module_path(type(error)),
                   "traceback": get_exception_traceback(error)}
        if job.attempts < job.max_attempts:
            delay = backoff_delay(self.backend, job.attempts)
            retry_at = timezone.now() + timedelta(seconds=delay)
            self.backend.store.finish(job, self.worker_id, status=TaskResultStatus.READY,
                                      error=details, retry_at=retry_at)
            logger.warning("Job %s (%s) failed on attempt %s/%s, retrying in %.1fs: %r",
                           job.id, job.task_path, job.attempts, job.max_attempts, delay, error)
        else:
            self.backend.store.finish(job, self.worker_id, status=TaskResultStatus.FAILED,
                                      error=details)
            logger.error("Job %s (%s) failed for good after %s attempts: %r",
                         job.id, job.task_path, job.attempts, error)
            self._signal_finished(job)

    def _signal_finished(self, job: JobRecord) -> None:
        record = self.backend.store.get(job.id)
        if record is not None:
            task_finished.send(type(self.backend), task_result=record.to_result())
