"""Housekeeping jobs of the infrastructure."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from intranet.core.models import Event, Job

KEEP_FINISHED_JOBS = timedelta(days=7)


@task()
def prune_finished_jobs() -> int:
    """Forget finished jobs after a week, so the queue table stays small."""
    cutoff = timezone.now() - KEEP_FINISHED_JOBS
    deleted, _ = Job.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff).delete()
    return deleted


PRUNE_BATCH = 10_000


@task()
def prune_events() -> int:
    """Forget events older than EVENT_RETENTION_DAYS, oldest first, always keeping the
    latest; a client that saw nothing since is told to reload."""
    cutoff = timezone.now() - timedelta(days=settings.EVENT_RETENTION_DAYS)
    numbered = Event.objects.exclude(position=None)
    bounds = numbered.aggregate(head=Max("position"))
    kept = numbered.filter(created_at__gte=cutoff).aggregate(first=Min("position"))["first"]
    keep_from = min(kept or bounds["head"] or 0, bounds["head"] or 0)
    deleted = 0
    while True:
        oldest = numbered.aggregate(first=Min("position"))["first"]
        if oldest is None or oldest >= keep_from:
            return deleted
        count, _ = numbered.filter(
            position__lt=min(keep_from, oldest + PRUNE_BATCH)).delete()
        deleted += count
