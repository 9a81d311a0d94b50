"""The report form: the same reasons and rules as the API, for people in the browser."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from intranet.core.errors import DomainError
from intranet.moderation import selectors
from intranet.moderation.services import report_create
from intranet.moderation.targets import find_target


def _next(request: HttpRequest) -> str:
    """Where to go once reported: back to the page the report was asked from."""
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    return target if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}) else "/"


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if find_target(request.user, kind, key) is None:
        raise Http404
    error, status = None, 200
    if request.method == "POST":
        try:
            _report, created = report_create(
                actor=request.user, kind=kind, key=key,
                reason=request.POST.get("reason", ""), note=request.POST.get("note", ""))
        except DomainError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, _("Thank you: the moderators will look at it. You "
                                        "will be told what they decide.") if created else
                             _("You had already reported it; the moderators have it."))
            return redirect(_next(request))
    return render(request, "moderation/report.html", {
        "reasons": selectors.reasons(), "kind": kind, "next": _next(request),
        "chosen": request.POST.get("reason", ""), "note": request.POST.get("note", ""),
        "error": error}, status=status)
