"""Polling sources: each due source is claimed by one worker for one interval, fetched
from its cursor, and its health recorded; errors back off exponentially."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.errors import DomainError
from intranet.core.http import FetchError
from intranet.plugins.connectors.base import ConnectorError
from intranet.plugins.metrics import POLL_ERRORS
from intranet.plugins.models import Source
from intranet.plugins.services.ingest import ingest
from intranet.plugins.services.sources import connector_for
from intranet.plugins.tasks import fetch_item_images

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=24)


@dataclass
class PollResult:
    new: int
    skipped: int
    error: str | None


def backoff(source: Source, failures: int) -> timedelta:
    """The interval, doubled for each failure after the first, at most a day (or the
    interval, if longer): a broken channel is not hammered."""
    return min(timedelta(minutes=source.interval_minutes) * 2 ** max(0, failures - 1),
               max(MAX_BACKOFF, timedelta(minutes=source.interval_minutes)))


def claim_due_sources(now: datetime | None = None) -> list[int]:
    """Sources due for a poll, each claimed by moving its next poll one interval on with
    a conditional update, so two workers never poll the same source twice."""
    now = now or timezone.now()
    claimed = []
    for pk, due, minutes in Source.objects.filter(enabled=True, next_poll_at__lte=now) \
            .values_list("pk", "next_poll_at", "interval_minutes"):
        if Source.objects.filter(pk=pk, next_poll_at=due).update(
                next_poll_at=now + timedelta(minutes=minutes)):
            claimed.append(pk)
    return claimed


def poll_source(source: Source) -> PollResult:
    """Fetch what is new and ingest it; any failure is recorded on the source, never
    raised, so one broken channel cannot stop the worker."""
    started = timezone.now()
    try:
        batch = connector_for(source).fetch(dict(source.cursor))
        result = ingest(source, batch.items)
    except (FetchError, ConnectorError, DomainError) as error:
        return _failed(source, started, str(error), error_code(error))
    except Exception as error:
        logger.exception("Polling the source %s (%s) failed.", source.pk, source.connector)
        return _failed(source, started, _("Unexpected error: %(kind)s") % {
            "kind": type(error).__name__}, "unexpected")
    with transaction.atomic():
        Source.objects.filter(pk=source.pk).update(
            cursor=batch.cursor, last_polled_at=started, last_success_at=started,
            last_error=batch.error, last_error_at=started if batch.error else None,
            last_error_code="partial" if batch.error else "", failing_since=None, failures=0,
            items_seen=source.items_seen + len(result.new),
            next_poll_at=started + timedelta(minutes=source.interval_minutes))
        for item in result.new:
            transaction.on_commit(lambda pk=item.pk: fetch_item_images.enqueue(pk))
    source.refresh_from_db()
    return PollResult(new=len(result.new), skipped=result.skipped, error=batch.error or None)


def error_code(error: Exception) -> str:
    """The kind of a polling failure, which the source's health puts in plain words:
    the safe client's own code (with the status of an HTTP error), "unreadable" for an
    answer the connector could not use, "invalid" for a setting refused."""
    if isinstance(error, FetchError):
        return f"http_{error.status}" if error.status else error.code
    if isinstance(error, ConnectorError):
        return "unreadable"
    return "invalid"


def _failed(source: Source, started: datetime, error: str, code: str) -> PollResult:
    POLL_ERRORS.labels(connector=source.connector).inc()
    failures = source.failures + 1
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=started, last_error=error[:2000], last_error_at=started,
        last_error_code=code, failing_since=source.failing_since or started,
        failures=failures, next_poll_at=started + backoff(source, failures))
    source.refresh_from_db()
    logger.info("Source %s: %s", source.pk, error)
    return PollResult(new=0, skipped=0, error=error)
