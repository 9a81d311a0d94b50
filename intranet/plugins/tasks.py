"""Background work of the brand connectors: polling due sources, fetching item images,
forgetting items' raw data.

Services enqueue these tasks; the tasks call back into services, imported when they run.
"""

from django.conf import settings
from django_tasks import task

from intranet.core.retention import kept_since


@task()
def poll_due_sources() -> int:
    """Periodic: enqueue a poll of each source whose time has come."""
    from intranet.plugins.services.polling import claim_due_sources

    claimed = claim_due_sources()
    for pk in claimed:
        poll_source.enqueue(pk)
    return len(claimed)


@task(queue_name="fetch")
def poll_source(source_id: int) -> dict:
    from intranet.plugins.models import Source
    from intranet.plugins.services.polling import poll_source as poll

    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return {"new": 0, "skipped": 0, "error": "gone"}
    result = poll(source)
    return {"new": result.new, "skipped": result.skipped, "error": result.error}


@task(queue_name="fetch")
def fetch_item_images(item_id: int) -> int:
    from intranet.plugins.services.media import fetch_images

    return fetch_images(item_id)


@task()
def prune_raw_items() -> int:
    """Periodic: items fetched more than BRAND_RAW_RETENTION_DAYS ago forget the raw data
    their channel sent (kept for looking into a connector's mistakes, nothing else)."""
    from intranet.plugins.models import BrandItem

    cutoff = kept_since(settings.BRAND_RAW_RETENTION_DAYS)
    if cutoff is None:
        return 0
    return BrandItem.objects.filter(fetched_at__lt=cutoff).exclude(raw={}).update(raw={})
