"""Raw records are pruned after the retention period, never before; aggregates stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.analytics.models import ActiveDay, DailyFigure, View
from intranet.analytics.retention import prune_raw_records
from intranet.analytics.tasks import aggregate_recent_days

pytestmark = pytest.mark.django_db


def test_old_raw_records_go_after_aggregation_recent_ones_stay(make_person, settings):
    settings.ANALYTICS_RAW_RETENTION_DAYS = 40
    ana = make_person("ana")
    today = timezone.localdate()
    now = timezone.now()
    View.objects.create(kind="post", object_id=1, user=ana, seen_at=now - timedelta(days=41))
    View.objects.create(kind="post", object_id=2, user=ana, seen_at=now - timedelta(days=39))
    ActiveDay.objects.create(user=ana, date=today - timedelta(days=41))
    ActiveDay.objects.create(user=ana, date=today - timedelta(days=39))
    ActiveDay.objects.create(user=ana, date=today)
    aggregate_recent_days.call()
    assert list(View.objects.values_list("object_id", flat=True)) == [2]
    assert sorted(ActiveDay.objects.values_list("date", flat=True)) == [
        today - timedelta(days=39), today]
    assert DailyFigure.objects.get(date=today, measure="active", dimension="").value == 1


def test_retention_never_drops_below_a_month(make_person, settings):
    settings.ANALYTICS_RAW_RETENTION_DAYS = 1
    ana = make_person("ana")
    ActiveDay.objects.create(user=ana, date=timezone.localdate() - timedelta(days=30))
    assert prune_raw_records() == (0, 0)
    assert ActiveDay.objects.exists()
