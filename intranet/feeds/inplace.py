"""Buttons answered in place: when the page's script (feeds/static/feeds/inplace.js)
sends a form, it gets the fragment that changed, or the error to show, instead of a
redirect that would reload the page and lose the reader's place. Without the script the
same forms post and redirect as before."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse

from intranet.core.api import error_body
from intranet.core.errors import DomainError

HEADER = "X-Requested-With"
VALUE = "fetch"
# On an answer meant to be swapped in; anything else (a redirect) the script follows.
ANSWER_HEADER = "X-In-Place"


def asked_in_place(request: HttpRequest) -> bool:
    return request.headers.get(HEADER) == VALUE


def refusal(error: DomainError) -> JsonResponse:
    """The error in the API's shape, for the script to show where the person is."""
    return swap_in(JsonResponse(error_body(error.code, error.message, error.fields),
                                status=error.status))


def swap_in(response: HttpResponse) -> HttpResponse:
    """Mark a fragment (or a 204) as the in-place answer the script applies."""
    response[ANSWER_HEADER] = "1"
    return response


def run_action(request: HttpRequest, action, success: str | None = None, *,
               fragment=None) -> HttpResponse | None:
    """Run a form's action. Asked in place (the buttons of posts and comments), answer at
    once with the fragment to swap in (`fragment(result)`; 204 without one) or the error;
    otherwise leave a message and return None, for the caller's redirect."""
    try:
        result = action()
    except DomainError as error:
        if asked_in_place(request):
            return refusal(error)
        messages.error(request, error.message)
        return None
    if asked_in_place(request):
        return swap_in(fragment(result) if fragment else HttpResponse(status=204))
    if success:
        messages.success(request, success)
    return None
