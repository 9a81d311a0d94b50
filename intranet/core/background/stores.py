"""Where the database queue keeps its jobs.

A worker claims a ready job with a lease, renews the lease while it runs, and finishes it
only if it still holds the lease; expired leases are handed back to the queue.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus

from intranet.core.background.records import JobRecord
from intranet.core.models import Job

LOST_WORKER = {"exception_class_path": "intranet.core.background.errors.WorkerLost",
               "traceback": "The worker running this job stopped before it finished."}


class DatabaseStore:
    """Jobs as rows: claimed with SKIP LOCKED on PostgreSQL, under SQLite's write lock."""

    def add(self, job: JobRecord) -> None:
        row = Job.objects.create(
            id=job.id, task_path=job.task_path, queue_name=job.queue_name,
            backend_name=job.backend_name,
            args_kwargs={"args": job.args, "kwargs": job.kwargs},
            run_after=job.run_after, max_attempts=job.max_attempts)
        job.enqueued_at = row.enqueued_at

    @staticmethod
    def _record(row: Job) -> JobRecord:
        return JobRecord(
            id=str(row.id), task_path=row.task_path, queue_name=row.queue_name,
            backend_name=row.backend_name, args=row.args_kwargs.get("args", []),
            kwargs=row.args_kwargs.get("kwargs", {}), run_after=row.run_after,
            max_attempts=row.max_attempts, status=row.status, enqueued_at=row.enqueued_at,
            started_at=row.started_at, last_attempted_at=row.last_attempted_at,
            finished_at=row.finished_at, attempts=row.attempts, worker_id=row.worker_id,
            worker_ids=list(row.worker_ids), errors=list(row.errors),
            return_value=row.return_value)

    def get(self, job_id: str) -> JobRecord | None:
        row = Job.objects.filter(pk=job_id).first()
        return self._record(row) if row else None

    def claim(self, *, queues: list[str], worker_id: str, lease: timedelta) -> JobRecord | None:
        now = timezone.now()
        with transaction.atomic():
            row = (Job.objects.select_for_update(skip_locked=True)
                   .filter(status=TaskResultStatus.READY, queue_name__in=queues,
                           run_after__lte=now)
                   .order_by("run_after", "enqueued_at").first())
            if row is None:
                return None
            row.status = TaskResultStatus.RUNNING
            row.attempts += 1
            row.started_at = row.started_at or now
            row.last_attempted_at = now
            row.worker_id = worker_id
            row.worker_ids = [*row.worker_ids, worker_id]
            row.lease_expires_at = now + lease
            row.save(update_fields=["status", "attempts", "started_at", "last_attempted_at",
                                    "worker_id", "worker_ids", "lease_expires_at"])
        return self._record(row)

    def _held(self, job_id: str, worker_id: str):
        return Job.objects.filter(pk=job_id, worker_id=worker_id,
                                  status=TaskResultStatus.RUNNING)

    def renew(self, job_id: str, worker_id: str, lease: timedelta) -> bool:
        return bool(self._held(job_id, worker_id).update(
            lease_expires_at=timezone.now() + lease))

    def finish(self, job: JobRecord, worker_id: str, *, status: str, return_value: Any = None,
               error: dict[str, str] | None = None, retry_at: datetime | None = None) -> bool:
        with transaction.atomic():
            row = self._held(job.id, worker_id).select_for_update().first()
            if row is None:
                return False
            if error:
                row.errors = [*row.errors, error]
            row.lease_expires_at = None
            row.worker_id = ""
            if retry_at is not None:
                row.status = TaskResultStatus.READY
                row.run_after = retry_at
            else:
                row.status = status
                row.finished_at = timezone.now()
                row.return_value = return_value
            row.save()
        return True

    def recover(self) -> int:
        now = timezone.now()
        with transaction.atomic():
            expired = list(Job.objects.select_for_update(skip_locked=True).filter(
                status=TaskResultStatus.RUNNING, lease_expires_at__lt=now))
            for row in expired:
                row.errors = [*row.errors, LOST_WORKER]
                row.lease_expires_at = None
                row.worker_id = ""
                if row.attempts >= row.max_attempts:
                    row.status = TaskResultStatus.FAILED
                    row.finished_at = now
                else:
                    row.status = TaskResultStatus.READY
                    row.run_after = now
                row.save()
        return len(expired)
