"""Every write of analytics' raw records: what was on a person's screen, and that they
were active on a day. People left out of analytics are never recorded."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from intranet.analytics.exclusion import is_excluded
from intranet.analytics.models import ActiveDay, View
from intranet.core.policy import read_policy

MAX_ITEMS = 100


def views_record(*, user: AbstractBaseUser, items: Iterable[tuple[str, int]]) -> None:
    """Record that `items` ((kind, id) pairs) were on `user`'s screen, once per person.
    Items they may not read, or that do not exist, are dropped without a trace: the
    caller learns nothing either way. One query per kind to check, one to insert."""
    if not (user.is_authenticated and user.is_active) or is_excluded(user.pk):
        return
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, pk in items:
        by_kind[kind].add(pk)
    now = timezone.now()
    rows = [View(kind=kind, object_id=pk, user_id=user.pk, seen_at=now)
            for kind, ids in by_kind.items()
            for pk in read_policy(kind).readable(user).filter(pk__in=ids)
            .values_list("pk", flat=True)]
    View.objects.bulk_create(rows, ignore_conflicts=True)


def active_day_record(*, user: AbstractBaseUser, day: date) -> None:
    """That `user` was active on `day` (a second call the same day changes nothing)."""
    if is_excluded(user.pk):
        return
    ActiveDay.objects.bulk_create([ActiveDay(user_id=user.pk, date=day)],
                                  ignore_conflicts=True)
