"""Who is asking: the client's address, as far as the site can trust it.

Behind a reverse proxy every request comes from the proxy, and the client's address is in
X-Forwarded-For, which anyone can also send themselves. Only the entries the configured
number of trusted proxies appended (`TRUSTED_PROXIES`, counted from the right) are
believed; with none, the connection's own address is the client's.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    proxies = settings.TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "")
                 .split(",") if part.strip()]
    return forwarded[-min(proxies, len(forwarded))] if forwarded else remote
