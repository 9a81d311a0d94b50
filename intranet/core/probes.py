"""Health probes and metrics scrapes, answered before anything reads the Host header.

Orchestrators and Prometheus reach each process at its own address (a pod's IP and port),
which is not one of ALLOWED_HOSTS: Django would refuse them with 400 and take a healthy
process out of service. These answers build no link from the host, so nothing is gained
by checking it; who may read `/metrics` is still decided by its token or the caller's
address (`metrics_access`). Put this middleware first.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, resolve, reverse

PROBES = ("health", "health-live", "health-ready", "metrics")

View = Callable[[HttpRequest], HttpResponse]


class ProbesMiddleware:
    def __init__(self, get_response: View) -> None:
        self.get_response = get_response
        self._views: dict[str, View] | None = None

    def views(self) -> dict[str, View]:
        """The probes' paths (wherever the site mounts the suite's URLs) and views."""
        if self._views is None:
            views = {}
            for name in PROBES:
                try:
                    path = reverse(name)
                except NoReverseMatch:
                    continue
                views[path] = resolve(path).func
            self._views = views
        return self._views

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = self.views().get(request.path)
        if view is not None:
            return view(request)
        return self.get_response(request)
