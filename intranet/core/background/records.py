"""The shape of a job as both stores keep it, and its translation to a TaskResult."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.base import Task, TaskError


@dataclass
class JobRecord:
    id: str
    task_path: str
    queue_name: str
    backend_name: str
    args: list
    kwargs: dict[str, Any]
    run_after: datetime
    max_attempts: int
    status: str = TaskResultStatus.READY
    enqueued_at: datetime | None = None
    started_at: datetime | None = None
    last_attempted_at: datetime | None = None
    finished_at: datetime | None = None
    attempts: int = 0
    worker_id: str = ""
    worker_ids: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    return_value: Any = None

    @property
    def task(self) -> Task:
        task = import_string(self.task_path)
        if not isinstance(task, Task):
            raise TypeError(f"{self.task_path} is not a task")
        return task

    def to_result(self) -> TaskResult:
        task = self.task.using(queue_name=self.queue_name, backend=self.backend_name)
        result = TaskResult(
            task=task, id=self.id, status=TaskResultStatus(self.status),
            enqueued_at=self.enqueued_at, started_at=self.started_at,
            finished_at=self.finished_at, last_attempted_at=self.last_attempted_at,
            args=self.args, kwargs=self.kwargs, backend=self.backend_name,
            errors=[TaskError(**error) for error in self.errors],
            worker_ids=list(self.worker_ids),
        )
        object.__setattr__(result, "_return_value", self.return_value)
        return result
