"""Rate limits on writes, shared by the pages and the API: counters in the cache.

Each scope has a short window that tolerates bursts and a long one that stops a script
from flooding; going over either raises RateLimited with the seconds to wait. While the
cache is unreachable the limits are not counted: a colleague's post matters more.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.utils.translation import gettext as _

from intranet.core.errors import RateLimited

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400,
         "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"20/min" or "10/15min": how many, and per how many seconds."""
    count, _slash, period = rate.partition("/")
    digits = period[:len(period) - len(period.lstrip("0123456789"))]
    return int(count), int(digits or 1) * UNITS[period[len(digits):]]


def window_key(prefix: str, period: int, now: float) -> tuple[str, int]:
    """The cache key of the fixed window `now` falls in, and the seconds left in it."""
    window = int(now // period)
    return f"{prefix}:{period}:{window}", max(1, int((window + 1) * period - now))


def count_in_window(key: str, period: int) -> int:
    """One more in the window `key`, and how many now."""
    cache.add(key, 0, timeout=period + 5)
    try:
        return cache.incr(key)
    except ValueError:  # evicted or flushed since `add`: this one starts the count
        cache.set(key, 1, timeout=period + 5)
        return 1


def check_rate(user: AbstractBaseUser, scope: str) -> None:
    """Count one action of `scope` by `user`; raise RateLimited past the scope's limits."""
    now = time.time()
    for rate in settings.WRITE_RATE_LIMITS.get(scope, ()):
        limit, period = parse_rate(rate)
        key, retry_after = window_key(f"ratelimit:{scope}:{user.pk}", period, now)
        try:
            count = count_in_window(key, period)
        except Exception as error:  # the cache's server (Redis) is away for a moment
            logger.warning("Rate limits not counted, the cache is unreachable: %s", error)
            return
        if count > limit:
            raise RateLimited(_("You are going too fast: wait %(seconds)s seconds.") % {
                "seconds": retry_after}, retry_after=retry_after)
