"""Background work of analytics: the periodic aggregation of today and yesterday (so a
day is final once the next one has been computed), then pruning of raw records."""

from django_tasks import task


@task()
def aggregate_recent_days() -> str:
    from datetime import timedelta

    from django.utils import timezone

    from intranet.analytics.aggregation import compute_day
    from intranet.analytics.retention import prune_raw_records

    today = timezone.localdate()
    written = sum(compute_day(day) for day in (today - timedelta(days=1), today))
    views, days = prune_raw_records()
    return f"{written} figures; pruned {views} views and {days} active days"
