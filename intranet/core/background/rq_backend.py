"""RQ behind Django's task API (django-tasks-rq), with an outbox.

A job enqueued inside a transaction is written to `TaskOutbox` with it, and pushed to
Redis once that transaction commits: a rollback leaves no job, and a process that dies
between its commit and the push leaves a row that a worker's sweep pushes later. The row's
id is the job's id and the push happens under the row's lock, so no job is pushed twice.
Retries (with doubling delays) and deferred runs are RQ's own.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import Any

import django_rq
import redis
from django.core.checks import CheckMessage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.base import Task
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from django_tasks_rq.backend import Job, RQBackend, failed_callback, success_callback
from rq import Retry
from rq.job import Callback, JobStatus

from intranet.core.background.policy import RetryPolicy
from intranet.core.models import TaskOutbox

logger = logging.getLogger("intranet.worker")

# A row younger than this is left to the process that wrote it, which pushes it on commit.
SWEEP_GRACE = timedelta(seconds=5)
SWEEP_BATCH = 500


class RQQueueBackend(RQBackend):
    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.policy = RetryPolicy.from_options(self.options)
        self.timeout_seconds = int(self.options.get("timeout_seconds", 3600))
        self.result_seconds = int(self.options.get("result_seconds", 86400))
        self._connections: dict[str, redis.Redis] = {}

    def check(self, **kwargs: Any) -> Iterable[CheckMessage]:
        """django-rq's app only adds pages to Django's own admin, which the suite does not
        serve; its queues come from RQ_QUEUES whether or not the app is installed."""
        for message in super().check(**kwargs):
            if message.hint != "Insert 'django_rq' in INSTALLED_APPS":
                yield message

    def connection(self, queue_name: str) -> redis.Redis:
        """One client (and its pool) per queue, not one per job as django-rq would make."""
        if queue_name not in self._connections:
            self._connections[queue_name] = django_rq.get_connection(queue_name)
        return self._connections[queue_name]

    def retry_policy(self) -> Retry | None:
        """Attempts after the first, each delay double the one before, up to the cap."""
        retries = self.policy.max_attempts - 1
        if retries < 1:
            return None
        return Retry(max=retries, interval=[round(self.policy.delay(n))
                                            for n in range(1, retries + 1)])

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        row = TaskOutbox.objects.create(
            id=get_random_id(), task_path=task.module_path, queue_name=task.queue_name,
            args_kwargs={"args": list(args), "kwargs": dict(kwargs)},
            run_after=task.run_after)
        transaction.on_commit(partial(self._push_after_commit, row.pk))
        result = self._waiting(row)
        task_enqueued.send(type(self), task_result=result)
        return result

    def _push_after_commit(self, job_id: str) -> None:
        try:
            self.push(job_id)
        except redis.RedisError as error:
            logger.warning("Job %s stays in the outbox until Redis answers: %s", job_id, error)

    def push(self, job_id: str) -> bool:
        """Hand one outbox row to RQ and delete it; False when it is gone or being pushed."""
        with transaction.atomic():
            row = (TaskOutbox.objects.select_for_update(skip_locked=True)
                   .filter(pk=job_id).first())
            if row is None:
                return False
            if not Job.exists(row.id, connection=self.connection(row.queue_name)):
                self._send(row)
            row.delete()
        return True

    def _send(self, row: TaskOutbox) -> None:
        queue = django_rq.get_queue(row.queue_name, job_class=Job,
                                    connection=self.connection(row.queue_name))
        later = row.run_after is not None and row.run_after > timezone.now()
        job = queue.create_job(
            row.task_path, args=row.args_kwargs.get("args", []),
            kwargs=row.args_kwargs.get("kwargs", {}), job_id=row.id,
            status=JobStatus.SCHEDULED if later else JobStatus.QUEUED,
            timeout=self.timeout_seconds, result_ttl=self.result_seconds,
            retry=self.retry_policy(), meta={"backend_name": self.alias},
            on_failure=Callback(failed_callback), on_success=Callback(success_callback))
        if later:
            queue.schedule_job(job, row.run_after)
        else:
            queue.enqueue_job(job)

    def sweep_outbox(self) -> int:
        """Push the rows whose writer did not (it died after committing, or Redis was away)."""
        cutoff = timezone.now() - SWEEP_GRACE
        waiting = list(TaskOutbox.objects.filter(created_at__lt=cutoff)
                       .order_by("created_at").values_list("pk", flat=True)[:SWEEP_BATCH])
        return sum(self.push(job_id) for job_id in waiting)

    def get_result(self, result_id: str) -> TaskResult:
        if row := TaskOutbox.objects.filter(pk=result_id).first():
            return self._waiting(row)
        return super().get_result(result_id)

    def _waiting(self, row: TaskOutbox) -> TaskResult:
        """A job still in the outbox: ready, not yet seen by any worker."""
        task = import_string(row.task_path).using(
            queue_name=row.queue_name, backend=self.alias, run_after=row.run_after)
        return TaskResult(
            task=task, id=row.id, status=TaskResultStatus.READY, enqueued_at=row.created_at,
            started_at=None, last_attempted_at=None, finished_at=None,
            args=row.args_kwargs.get("args", []), kwargs=row.args_kwargs.get("kwargs", {}),
            backend=self.alias, errors=[], worker_ids=[])
