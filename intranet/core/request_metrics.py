"""Count and time every HTTP request by its URL pattern.

The label is the pattern that matched (`api/v1/posts/<int:post_id>/`), never the path itself,
so that ids and mistyped addresses cannot grow the number of series without bound.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve

from intranet.core.metrics import HTTP_DURATION, HTTP_REQUESTS

UNMATCHED, STATIC = "<unmatched>", "<static>"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_of(request: HttpRequest) -> str:
    """The URL pattern of the request: the one Django resolved, or for a request a
    middleware answered before that (a redirect to the login page), the one it would;
    `<static>` for static files, `<unmatched>` for addresses no pattern knows."""
    match = getattr(request, "resolver_match", None)
    if match is None and request.path_info.startswith(settings.STATIC_URL):
        return STATIC  # answered by WhiteNoise, before any URL pattern
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return UNMATCHED
    return match.route or UNMATCHED


class RequestMetricsMiddleware:
    """Just before the sign-in check in MIDDLEWARE, so that it counts its redirects too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        route = route_of(request)
        method = request.method if request.method in METHODS else "other"
        HTTP_REQUESTS.labels(route=route, method=method,
                             status=f"{response.status_code // 100}xx").inc()
        HTTP_DURATION.labels(route=route).observe(time.perf_counter() - started)
        return response
