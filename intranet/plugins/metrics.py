"""Polling's metrics: failed fetches counted where they happen, and the sources failing
now, read from the database at each scrape (so any web process reports the polls its
workers made)."""

from collections.abc import Iterable

from django.db.models import Count, Q
from prometheus_client import Counter
from prometheus_client.metrics_core import Metric

from intranet.core.metrics import gauge
from intranet.plugins.models import Source

POLL_ERRORS = Counter("intranet_connector_poll_errors",
                      "Polls of a brand source that failed in this process, by connector.",
                      ["connector"])


def failing_sources() -> Iterable[Metric]:
    """Enabled sources whose last poll failed, as their health shows them, for each
    connector in use (0 included, so that an alert sees it fall back)."""
    yield gauge("intranet_connector_sources_failing",
                "Enabled brand sources whose last poll failed, by connector.", "connector",
                Source.objects.filter(enabled=True).values("connector")
                .annotate(failing=Count("id", filter=Q(failures__gt=0)))
                .values_list("connector", "failing"))
