"""Who analytics leaves out: the people an administrator listed in the Analytics
settings. Nothing they see or do is recorded, and aggregation skips what was recorded
before they were listed."""

from django.db.models import QuerySet

from intranet.analytics.models import AnalyticsSettings


def excluded_user_ids() -> QuerySet:
    """The ids of the people left out, as a subquery (`user__in=excluded_user_ids()`)."""
    return AnalyticsSettings.excluded_people.through.objects.values("user_id")


def is_excluded(user_id: int) -> bool:
    return excluded_user_ids().filter(user_id=user_id).exists()
