"""Who may read `/metrics`.

With METRICS_TOKEN set, whoever sends it as a bearer token. Without it, only requests
that come straight from a loopback or private address: a request that passed through a
reverse proxy carries a forwarding header (the proxy's own address is private, and would
otherwise let anyone on the internet in through it), so it is refused.
"""

import hmac
from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from intranet.core.api import error_body

FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def _bearer(request: HttpRequest) -> str:
    scheme, _space, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _direct_from_private_network(request: HttpRequest) -> bool:
    if any(request.META.get(header) for header in FORWARDING_HEADERS):
        return False
    try:
        address = ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return address.is_loopback or address.is_private


def scrape_refused(request: HttpRequest) -> JsonResponse | None:
    """None when the request may read the metrics; otherwise the answer (401 or 403)."""
    token = settings.METRICS_TOKEN
    if token:
        if hmac.compare_digest(_bearer(request).encode(), token.encode()):
            return None
        response = JsonResponse(error_body(
            "not_authenticated", _("Send the metrics token as a bearer token.")), status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    if _direct_from_private_network(request):
        return None
    return JsonResponse(error_body("permission_denied", _(
        "Without a metrics token, metrics are served only to direct requests from a "
        "private network.")), status=403)
