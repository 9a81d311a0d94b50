"""Pages remember the latest event position before they read anything.

The live script resumes from that position, so whatever happens while the page is being
built reaches it over the socket instead of being missed.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from intranet.core.replay import head


class EventCursorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and request.user.is_authenticated \
                and not request.path.startswith(("/api/", "/admin/", "/static/")):
            request.last_event_id = head()
        return self.get_response(request)
