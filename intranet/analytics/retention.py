"""Raw records are kept ANALYTICS_RAW_RETENTION_DAYS (at least 31, for the monthly active
count), then deleted: only the daily aggregates stay."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from intranet.analytics.models import ActiveDay, View


def prune_raw_records() -> tuple[int, int]:
    """Delete views and active days older than the retention; return how many of each."""
    days = max(31, settings.ANALYTICS_RAW_RETENTION_DAYS)
    views, _ = View.objects.filter(seen_at__lt=timezone.now() - timedelta(days=days)).delete()
    active, _ = ActiveDay.objects.filter(
        date__lt=timezone.localdate() - timedelta(days=days)).delete()
    return views, active
