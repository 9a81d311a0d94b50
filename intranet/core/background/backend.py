"""The database queue behind Django's task API: the embedded default, where no Redis runs.

`task.enqueue()` anywhere in the code lands here (or in `rq_backend` when Redis is set)."""

import uuid
from functools import cached_property
from typing import Any

from django.utils import timezone
from django_tasks import TaskResult
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_enqueued

from intranet.core.background.policy import RetryPolicy
from intranet.core.background.records import JobRecord
from intranet.core.background.stores import DatabaseStore


class QueueBackend(BaseTaskBackend):
    supports_defer = True
    supports_get_result = True
    supports_async_task = False
    supports_priority = False

    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.policy = RetryPolicy.from_options(self.options)

    @cached_property
    def store(self) -> DatabaseStore:
        return DatabaseStore()

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        """Store the job, in the caller's transaction: it exists if and only if that commits."""
        self.validate_task(task)
        job = JobRecord(
            id=str(uuid.uuid4()), task_path=task.module_path, queue_name=task.queue_name,
            backend_name=self.alias, args=list(args), kwargs=dict(kwargs),
            run_after=task.run_after or timezone.now(), max_attempts=self.policy.max_attempts,
            enqueued_at=timezone.now())
        result = job.to_result()
        self.store.add(job)
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id: str) -> TaskResult:
        job = self.store.get(result_id)
        if job is None:
            raise TaskResultDoesNotExist(result_id)
        return job.to_result()
