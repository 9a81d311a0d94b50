"""Prometheus metrics of the suite (prometheus-client), served at `/metrics`.

Counters and histograms live in the process that counts them (prometheus-client's default
registry): web processes serve them at `/metrics`, workers on `WORKER_METRICS_PORT`.
Figures that live in the shared stores (queue depth, the search outbox, failing sources)
are read when Prometheus scrapes a web process, and only there, so that they are not
counted once more for each worker: apps register a function that yields them here, so
the core names no app (the same way as `routes` and `policy`).
"""

import logging
from collections.abc import Callable, Iterable

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

HTTP_REQUESTS = Counter(
    "intranet_http_requests", "HTTP requests answered, by URL pattern, method and status class.",
    ["route", "method", "status"])
HTTP_DURATION = Histogram(
    "intranet_http_request_duration_seconds", "Time to answer an HTTP request, by URL pattern.",
    ["route"])
EVENTS_PUBLISHED = Counter(
    "intranet_events_published", "Events written to the event log by this process.")

MetricsSource = Callable[[], Iterable[Metric]]
_sources: dict[str, MetricsSource] = {}


def register_metrics(name: str, source: MetricsSource) -> None:
    """Have `source` yield its metric families at each scrape (read from shared stores)."""
    _sources[name] = source


def gauge(name: str, documentation: str, label: str,
          values: Iterable[tuple[str, float]]) -> GaugeMetricFamily:
    """A gauge family with one label, from (label value, value) pairs."""
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for label_value, value in values:
        family.add_metric([label_value], value)
    return family


class RegisteredSources(Collector):
    """Collects every registered source; one whose store is down is left out of the
    scrape (and logged) rather than failing it."""

    def collect(self) -> Iterable[Metric]:
        for name, source in list(_sources.items()):
            try:
                families = list(source())
            except Exception as error:
                logger.warning("The metrics of %s are left out of this scrape: %s", name, error)
                continue
            yield from families


class ProcessMetrics(Collector):
    """What this process counted, as the default registry holds it."""

    def collect(self) -> Iterable[Metric]:
        yield from REGISTRY.collect()


WEB_REGISTRY = CollectorRegistry()
WEB_REGISTRY.register(ProcessMetrics())
WEB_REGISTRY.register(RegisteredSources())
