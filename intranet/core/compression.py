"""Compressed pages: text answers (pages, fragments, JSON, scripts) go out gzipped to
browsers that accept it; images and files, compressed already, go out as they are.
Static files are compressed ahead of time by WhiteNoise and never reach this."""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


def _is_text(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip()
    return kind.startswith("text/") or kind.endswith(("json", "javascript", "xml"))


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH mitigation), for text only."""

    def process_response(self, request: HttpRequest,
                         response: HttpResponseBase) -> HttpResponseBase:
        if not _is_text(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
