"""Infrastructure endpoints: health for load balancers and orchestrators, and metrics for
Prometheus. None needs a session; none is in the API's schema."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from intranet.core.api import error_body
from intranet.core.health import OK, run_checks
from intranet.core.metrics import WEB_REGISTRY
from intranet.core.metrics_access import scrape_refused


def read_only(view: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """GET and HEAD only; anything else is 405 in the API's error shape."""

    @wraps(view)
    def wrapped(request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse(error_body(
                "method_not_allowed", _("Only GET and HEAD are allowed here.")), status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request)

    return wrapped


def _checked(names: list[str] | None = None) -> JsonResponse:
    checks = run_checks(names)
    ready = all(state == OK for state in checks.values())
    return JsonResponse({"status": "ok" if ready else "failing", "checks": checks},
                        status=200 if ready else 503)


@never_cache
@read_only
def live(request: HttpRequest) -> JsonResponse:
    """The process answers; nothing else is asked, so a slow database never gets a
    healthy process restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
@read_only
def ready(request: HttpRequest) -> JsonResponse:
    """The process can serve: its database, Redis and search engine answer (503 naming
    those that do not)."""
    return _checked()


@never_cache
@read_only
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the process answers and reaches its database."""
    response = _checked(["database"])
    if response.status_code == 200:
        return JsonResponse({"status": "ok"})
    return response


@never_cache
@read_only
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus's text format, for the bearer of METRICS_TOKEN (or, without one, for
    direct requests from a loopback or private address)."""
    refused = scrape_refused(request)
    if refused is not None:
        return refused
    return HttpResponse(generate_latest(WEB_REGISTRY), content_type=CONTENT_TYPE_LATEST)
