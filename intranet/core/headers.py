"""The Content-Security-Policy of every response (django-csp), with the additions the
Wagtail admin's own pages need there only, so that the rest of the site keeps a policy
without inline scripts or styles; and the outside sites the admin may reach only when
ADMIN_OUTSIDE_REQUESTS allows them."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request: HttpRequest, response: HttpResponseBase,
                         report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.update = merged(settings.ADMIN_CSP_UPDATE, settings.ADMIN_OUTSIDE_CSP_UPDATE,
                                  parts.update or {})
        return parts


def merged(*updates: dict[str, list[str]]) -> dict[str, list[str]]:
    """Policy additions put together, each directive keeping every source given."""
    together: dict[str, list[str]] = {}
    for update in updates:
        for directive, sources in update.items():
            kept = together.setdefault(directive, [])
            kept.extend(source for source in sources if source not in kept)
    return together
