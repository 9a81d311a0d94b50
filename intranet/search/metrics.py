"""The search outbox's lag, read at each scrape: rows waiting to reach the engine, and
how long ago the oldest of their changes was made (it grows while the engine is down)."""

from collections.abc import Iterable

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric

from intranet.search.models import IndexOutbox


def outbox_metrics() -> Iterable[Metric]:
    found = IndexOutbox.objects.aggregate(rows=Count("id"), oldest=Min("changed_at"))
    age = (timezone.now() - found["oldest"]).total_seconds() if found["oldest"] else 0.0
    yield GaugeMetricFamily("intranet_search_outbox_rows",
                            "Changes waiting to be written to the search engine.",
                            value=found["rows"])
    yield GaugeMetricFamily("intranet_search_outbox_oldest_age_seconds",
                            "How long ago the oldest change still waiting was made.",
                            value=max(age, 0.0))
