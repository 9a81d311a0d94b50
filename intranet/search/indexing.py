"""Keeping the index in step with the database, through the outbox.

A change to an indexed row (or to a row its document depends on) writes an outbox row in
the same transaction; once it commits, background work sends the documents in bulk.
While the engine is down, rows wait with back-off: writes never fail because of search.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from intranet.search.engines import engine
from intranet.search.engines.base import EngineUnavailable
from intranet.search.models import IndexOutbox
from intranet.search.registry import SearchIndex, indexes

logger = logging.getLogger(__name__)
CLAIM = timedelta(minutes=2)
BACKOFF_MAX = timedelta(minutes=30)


def enqueue(index: SearchIndex, object_ids: list[int]) -> None:
    """Mark objects of a kind for (re)indexing, with the change that concerns them."""
    if not object_ids:
        return
    now = timezone.now()
    IndexOutbox.objects.bulk_create(
        [IndexOutbox(kind=index.kind, object_id=object_id, changed_at=now, next_attempt_at=now)
         for object_id in set(object_ids)],
        update_conflicts=True, unique_fields=["kind", "object_id"],
        update_fields=["changed_at", "next_attempt_at", "attempts"])
    if not any(func is _drain_soon for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_drain_soon)


def _drain_soon() -> None:
    from intranet.search.tasks import drain_search_outbox

    drain_search_outbox.enqueue()


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=5 * 2 ** attempts), BACKOFF_MAX)


def drain(limit: int = 500, now=None) -> int:
    """Send outbox rows due at `now` to the engine; returns how many documents were
    written."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(IndexOutbox.objects.select_for_update(skip_locked=True)
                    .filter(next_attempt_at__lte=now).order_by("next_attempt_at", "pk")[:limit])
        # Claimed for a while, so another worker does not send them too.
        IndexOutbox.objects.filter(pk__in=[row.pk for row in rows]).update(
            next_attempt_at=now + CLAIM)
    by_kind: dict[str, list[IndexOutbox]] = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    written = 0
    for kind, batch in by_kind.items():
        index = indexes().get(kind)
        if index is None:
            IndexOutbox.objects.filter(pk__in=[row.pk for row in batch]).delete()
            continue
        try:
            found = index.queryset().in_bulk([row.object_id for row in batch])
            documents = {row.object_id: index.document_for(found[row.object_id])
                         if row.object_id in found else None for row in batch}
            engine().write(index, documents)
        except Exception as error:
            if not isinstance(error, EngineUnavailable):
                logger.exception("Indexing %s failed", kind)
            for row in batch:
                IndexOutbox.objects.filter(pk=row.pk).update(
                    attempts=row.attempts + 1, last_error=str(error)[:2000],
                    next_attempt_at=timezone.now() + _backoff(row.attempts))
            continue
        for row in batch:
            # A change that came in meanwhile bumped changed_at: keep that row for later.
            IndexOutbox.objects.filter(pk=row.pk, changed_at=row.changed_at).delete()
        written += len(batch)
    return written


def drain_all(now=None) -> int:
    """Drain until nothing is due (commands and tests)."""
    total = 0
    while written := drain(now=now):
        total += written
    return total


def _on_change(sender, instance: Model, raw: bool = False, **kwargs) -> None:
    """Any saved or deleted row: enqueue the documents that depend on it."""
    if raw:
        return
    for index in indexes().values():
        if issubclass(sender, index.model):
            enqueue(index, [instance.pk])
        for model, ids_of in index.related.items():
            if issubclass(sender, model):
                enqueue(index, [pk for pk in ids_of(instance) if pk is not None])


def connect_signals() -> None:
    """Listen to every model once, so that subclasses (Wagtail's page types) count too."""
    post_save.connect(_on_change, dispatch_uid="search.on_change")
    post_delete.connect(_on_change, dispatch_uid="search.on_change")


def documents_of(index: SearchIndex):
    """Every indexable document of a kind, for rebuilding the index."""
    for obj in index.queryset().iterator(chunk_size=500):
        document = index.document_for(obj)
        if document is not None:
            yield obj.pk, document
