"""`manage.py analytics_aggregate`: backfilling past days."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from intranet.analytics.models import ActiveDay, DailyFigure

pytestmark = pytest.mark.django_db


def test_a_range_of_days_is_computed(make_person):
    ana = make_person("ana")
    today = timezone.localdate()
    for back in (2, 4):
        ActiveDay.objects.create(user=ana, date=today - timedelta(days=back))
    out = io.StringIO()
    call_command("analytics_aggregate", "--since", str(today - timedelta(days=4)),
                 "--until", str(today - timedelta(days=2)), stdout=out)
    assert "over 3 days" in out.getvalue()
    active = dict(DailyFigure.objects.filter(measure="active", dimension="")
                  .values_list("date", "value"))
    assert active == {today - timedelta(days=4): 1, today - timedelta(days=3): 0,
                      today - timedelta(days=2): 1}


@pytest.mark.parametrize("args", [["--since", "yesterday"],
                                  ["--since", "2026-03-02", "--until", "2026-03-01"]])
def test_bad_days_are_refused(args):
    with pytest.raises(CommandError):
        call_command("analytics_aggregate", *args, stdout=io.StringIO())
