"""A source's health in plain words for the people who run it: working (and when the
last new item came), failing (since when, and why in one sentence a communications
officer can act on), paused, or waiting for its first poll. The raw error stays on the
source for staff who need it."""

from datetime import datetime, timedelta
from typing import NamedTuple

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from intranet.plugins.models import Source

WORKING, FAILING, PAUSED, WAITING = "working", "failing", "paused", "waiting"


class Health(NamedTuple):
    state: str
    sentence: str


def _status_reason(status: int) -> str:
    if status in (404, 410):
        return _("the address was not found (%(status)d)") % {"status": status}
    if status in (401, 403):
        return _("the site refused access (%(status)d)") % {"status": status}
    if status == 429:
        return _("the site asks to be polled less often (%(status)d)") % {"status": status}
    if status >= 500:
        return _("the site had an error of its own (%(status)d)") % {"status": status}
    return _("the site answered with an error (%(status)d)") % {"status": status}


def reason(code: str) -> str:
    """Why the last poll failed, in a few words, from the code polling recorded."""
    if code.startswith("http_") and code[5:].isdigit():
        return _status_reason(int(code[5:]))
    return {
        "timeout": _("the site could not be reached (timed out)"),
        "connection_failed": _("the site could not be reached"),
        "blocked_address": _("its address is on a private network, which is not allowed"),
        "bad_url": _("its address is not a valid web address"),
        "too_large": _("the answer was too large"),
        "too_many_redirects": _("the address redirects too many times"),
        "bad_response": _("the answer could not be read"),
        "unreadable": _("the answer is not in the format this kind of source expects"),
        "invalid": _("its settings are not accepted; check them"),
        "partial": _("some entries could not be read"),
    }.get(code, _("an unexpected error occurred (see the details)"))


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j M")


def health(source: Source, last_item_at: datetime | None = None) -> Health:
    """The source's health; `last_item_at` is when its newest item came in."""
    if not source.enabled:
        return Health(PAUSED, _("Paused"))
    if source.failures:
        since = source.failing_since or source.last_error_at or timezone.now()
        return Health(FAILING, _("Failing since %(day)s: %(reason)s") % {
            "day": _day(since), "reason": reason(source.last_error_code)})
    if source.last_success_at is None:
        return Health(WAITING, _("Waiting for its first poll"))
    if last_item_at is None:
        sentence = _("Working — no item yet")
    elif timezone.now() - last_item_at < timedelta(minutes=1):
        sentence = _("Working — last new item just now")
    else:
        sentence = _("Working — last new item %(ago)s ago") % {
            "ago": timesince(last_item_at, depth=1)}
    if source.last_error_code == "partial":
        sentence = _("%(health)s; at the last poll %(reason)s") % {
            "health": sentence, "reason": reason("partial")}
    return Health(WORKING, sentence)
