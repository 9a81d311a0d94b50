"""Dates of announcements as readers see them."""

from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext

register = template.Library()


@register.filter
def due_date(moment: datetime | None) -> str:
    """An acknowledgement's due date, "12 December 2026, 17:00", in the reader's language
    and time zone. Its own format, because the locale's DATETIME_FORMAT may end with a
    period ("p.m.") and the sentences around it would end with two."""
    if moment is None:
        return ""
    # Translators: a Django date format (see the `date` template filter): day, month
    # name, year and time, never ending with a period.
    return formats.date_format(timezone.localtime(moment),
                               gettext("j F Y, H:i"))
