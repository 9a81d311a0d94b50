"""Background work of search: draining the outbox."""

from django_tasks import task

from intranet.search.indexing import drain


@task(queue_name="search")
def drain_search_outbox() -> int:
    return drain()
