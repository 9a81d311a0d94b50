"""Housekeeping jobs of the infrastructure."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus, task

from intranet.core.models import Job

KEEP_FINISHED_JOBS = timedelta(days=7)


@task()
def prune_finished_jobs() -> int:
    """Forget finished jobs after a week, so the queue table stays small."""
    cutoff = timezone.now() - KEEP_FINISHED_JOBS
    deleted, _ = Job.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff).delete()
    return deleted
