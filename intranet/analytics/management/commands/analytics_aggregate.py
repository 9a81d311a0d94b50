"""`manage.py analytics_aggregate --since YYYY-MM-DD --until YYYY-MM-DD`: compute the
daily figures of past days again (after an import, or to backfill a new installation).
Days whose raw records were pruned keep only what can still be counted."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from intranet.analytics.aggregation import compute_day


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text!r}") from None


class Command(BaseCommand):
    help = "Compute the daily analytics figures of a range of days (today by default)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--since", type=_day, default=None)
        parser.add_argument("--until", type=_day, default=None)

    def handle(self, *args, **options) -> None:
        until = options["until"] or timezone.localdate()
        since = options["since"] or until
        if since > until:
            raise CommandError("--since must not be after --until.")
        day, written = since, 0
        while day <= until:
            written += compute_day(day)
            day += timedelta(days=1)
        self.stdout.write(f"{written} figures over {(until - since).days + 1} days.")
