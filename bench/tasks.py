"""A task that does nothing, so a benchmark measures the queue and not the work."""

from django_tasks import task


@task()
def noop() -> None:
    """Nothing to do."""
