"""Pages remember the last event that existed before they read anything.

The live script starts from that id, so whatever happens while the page is being built
is caught up over the socket or the catch-up endpoint instead of being missed.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from intranet.core.models import Event


class EventCursorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and request.user.is_authenticated \
                and not request.path.startswith(("/api/", "/admin/", "/static/")):
            request.last_event_id = (Event.objects.order_by("-id")
                                     .values_list("id", flat=True).first() or 0)
        return self.get_response(request)
