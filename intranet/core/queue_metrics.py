"""The task queues' depth and the age of their oldest ready job, read at each scrape."""

from collections.abc import Iterable

from prometheus_client.metrics_core import Metric

from intranet.core.background.stats import queue_stats
from intranet.core.metrics import gauge


def queue_metrics() -> Iterable[Metric]:
    stats = queue_stats()
    yield gauge("intranet_task_queue_depth", "Jobs ready to run, by queue.", "queue",
                ((stat.queue, stat.depth) for stat in stats))
    yield gauge("intranet_task_queue_oldest_age_seconds",
                "How long the oldest ready job of each queue has waited.", "queue",
                ((stat.queue, stat.oldest_age_seconds) for stat in stats))
