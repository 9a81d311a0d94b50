"""Rate limits on writes, shared by the pages and the API: counters in the cache.

Each scope has a short window that tolerates bursts and a long one that stops a script
from flooding; going over either raises RateLimited with the seconds to wait.
"""

import time

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.utils.translation import gettext as _

from intranet.core.errors import RateLimited


def _parse(rate: str) -> tuple[int, int]:
    count, _slash, period = rate.partition("/")
    seconds = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600,
               "d": 86400, "day": 86400}[period]
    return int(count), seconds


def check_rate(user: AbstractBaseUser, scope: str) -> None:
    """Count one action of `scope` by `user`; raise RateLimited past the scope's limits."""
    now = time.time()
    for rate in settings.WRITE_RATE_LIMITS.get(scope, ()):
        limit, period = _parse(rate)
        window = int(now // period)
        key = f"ratelimit:{scope}:{user.pk}:{period}:{window}"
        cache.add(key, 0, timeout=period + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted or flushed since `add`: this action starts the count
            cache.set(key, count := 1, timeout=period + 5)
        if count > limit:
            retry_after = max(1, int((window + 1) * period - now))
            raise RateLimited(_("You are going too fast: wait %(seconds)s seconds.") % {
                "seconds": retry_after}, retry_after=retry_after)
