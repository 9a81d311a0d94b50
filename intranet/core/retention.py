"""How long things are kept: each app's periodic job prunes what is older than a
setting's number of days (docs/operations.md), 0 keeping it for ever."""

from datetime import datetime, timedelta

from django.utils import timezone


def kept_since(days: float) -> datetime | None:
    """The moment before which nothing is kept, or None when everything is."""
    return timezone.now() - timedelta(days=days) if days > 0 else None
