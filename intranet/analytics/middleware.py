"""Count a person as active on the day they make a request, pages and API alike.

A cache key per person and day keeps this to one cache round trip per request and one
insert per person per day, whatever the number of processes; while the cache is away,
the database alone keeps it to one row."""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from intranet.analytics.services import active_day_record

logger = logging.getLogger(__name__)

KEY_SECONDS = 2 * 24 * 3600  # outlives the day, in any time zone


class ActiveDayMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view: an API token is authenticated inside it (DRF sets request.user).
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and response.status_code < 500:
            day = timezone.localdate()
            try:
                first = cache.add(f"analytics:active:{user.pk}:{day.isoformat()}", 1,
                                  KEY_SECONDS)
            except Exception as error:  # the cache's server (Redis) is away for a moment
                logger.warning("Active day recorded without the cache: %s", error)
                first = True  # the insert ignores a row already there
            if first:
                active_day_record(user=user, day=day)
        return response
