"""The period every analytics read covers, the same for the API, the dashboard and its
CSV files: calendar days, the last 30 by default, at most a year and a day."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.errors import Invalid

DEFAULT_DAYS = 30
MAX_DAYS = 366


def period(since: date | None, until: date | None) -> tuple[date, date]:
    """The days asked for, with the defaults filled in; a reversed or too long range is
    refused with the field to correct."""
    until = until or timezone.localdate()
    since = since or until - timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise Invalid(_("The period ends before it starts."),
                      fields={"until": [_("Must not be before the first day.")]})
    if (until - since).days >= MAX_DAYS:
        raise Invalid(_("The period is too long."),
                      fields={"since": [_("A range is at most %(days)s days.")
                                        % {"days": MAX_DAYS}]})
    return since, until
