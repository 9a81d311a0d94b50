"""How much work waits in each queue, asked of the configured task backend when metrics
are scraped: any web process reports it, since the queue is shared."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends

from intranet.core.background.backend import QueueBackend
from intranet.core.models import Job, TaskOutbox


@dataclass(frozen=True)
class QueueStat:
    queue: str
    depth: int  # jobs ready to run now
    oldest_age_seconds: float  # how long the oldest of them has been ready (0 when none)


def _database_stats(queues: set[str]) -> list[QueueStat]:
    """Ready jobs per queue; a job deferred to later is not waiting yet, and one retried
    after a back-off has waited since its retry time."""
    now = timezone.now()
    found = {row["queue_name"]: row for row in Job.objects
             .filter(status=TaskResultStatus.READY, run_after__lte=now)
             .values("queue_name").annotate(depth=Count("id"), since=Min("run_after"))}
    return [QueueStat(queue=name, depth=found[name]["depth"] if name in found else 0,
                      oldest_age_seconds=(now - found[name]["since"]).total_seconds()
                      if name in found else 0.0)
            for name in sorted(queues | set(found))]


def _rq_stats(backend) -> list[QueueStat]:
    """RQ's queued jobs, plus the jobs committed to the outbox and not yet pushed (many
    only while Redis is away)."""
    import django_rq
    from rq.exceptions import NoSuchJobError
    from rq.job import Job as RQJob

    now = timezone.now()
    unpushed = {row["queue_name"]: row for row in TaskOutbox.objects
                .filter(Q(run_after__isnull=True) | Q(run_after__lte=now))
                .values("queue_name").annotate(depth=Count("id"), since=Min("created_at"))}
    stats = []
    for name in sorted(backend.queues):
        queue = django_rq.get_queue(name, connection=backend.connection(name))
        since: list[datetime] = [unpushed[name]["since"]] if name in unpushed else []
        for job_id in queue.get_job_ids(0, 1):  # the head, which has waited longest
            try:
                enqueued_at = RQJob.fetch(job_id, connection=queue.connection).enqueued_at
            except NoSuchJobError:  # finished or expired since
                continue
            since += [enqueued_at] if enqueued_at else []
        depth = queue.count + (unpushed[name]["depth"] if name in unpushed else 0)
        stats.append(QueueStat(queue=name, depth=depth, oldest_age_seconds=max(
            0.0, (now - min(since)).total_seconds()) if since else 0.0))
    return stats


def queue_stats() -> list[QueueStat]:
    """One line per configured queue of the default backend."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, QueueBackend):
        return _database_stats(backend.queues)
    try:
        from intranet.core.background.rq_backend import RQQueueBackend
    except ImportError:  # no Redis client installed: the embedded default
        return []
    if isinstance(backend, RQQueueBackend):
        return _rq_stats(backend)
    return []
